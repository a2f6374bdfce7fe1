import Foundation
import MaskFaceCore
import Testing

@testable import YOLOTraining

/// Golden checks against `yolov5n-seed0_metrics.json`: 50 synthetic images run through
/// val.py's `process_batch` and `ap_per_class` (YOLOv5 v7.0, NumPy 1.24; README section 4).
@Suite("Detection metrics against val.py")
struct DetectionMetricsTests {
    let fixture: [String: Any]
    let images: [[String: Any]]

    init() throws {
        fixture = try fixtureJSON("yolov5n-seed0_metrics.json")
        images = try #require(fixture["images"] as? [[String: Any]])
    }

    private func labels(_ image: [String: Any]) throws -> [LabeledBox] {
        try rows(image["labels_cls_x1y1x2y2"]).map { row in
            LabeledBox(
                classIndex: Int(row[0]),
                box: BoxCorners(
                    x1: Float(row[1]), y1: Float(row[2]), x2: Float(row[3]), y2: Float(row[4])))
        }
    }

    private func predictions(_ image: [String: Any]) throws -> [Detection] {
        try rows(image["preds_x1y1x2y2_conf_cls"]).map { row in
            Detection(
                box: BoxCorners(
                    x1: Float(row[0]), y1: Float(row[1]), x2: Float(row[2]), y2: Float(row[3])),
                confidence: Float(row[4]), classIndex: Int(row[5]))
        }
    }

    private func accumulated() throws -> DetectionMetrics {
        var metrics = DetectionMetrics(classCount: 2)
        for image in images {
            try metrics.add(predictions: try predictions(image), labels: try labels(image))
        }
        return metrics
    }

    @Test func thresholdsAreValPysFloat32Linspace() throws {
        // Compared as float32: the JSON holds float32 values printed as doubles.
        let expected = try doubles(fixture["iouv"]).map(Float.init)
        #expect(PredictionMatching.iouThresholds == expected)
    }

    @Test func correctMatrixEqualsProcessBatchOnEveryImage() throws {
        #expect(images.count == 50)
        for image in images {
            let expected = try rows(image["correct_10iou"]).map { $0.map { $0 != 0 } }
            let actual = PredictionMatching.correctMatrix(
                predictions: try predictions(image), labels: try labels(image))
            #expect(actual == expected, "image \(image["image_id"] ?? "?")")
        }
    }

    @Test func perClassAndMeanMetricsEqualApPerClass() throws {
        let reference = try #require(fixture["yolov5_ap_per_class"] as? [String: Any])
        let summary = try accumulated().summary()
        #expect(summary.classes.map(\.classIndex) == (try integers(reference["ap_class"])))
        let labelCounts = try integers(reference["n_targets_per_class"])
        #expect(summary.classes.map(\.labelCount) == labelCounts)
        #expect(summary.imageCount == 50)
        #expect(summary.labelCount == 133)
        let columns: [(String, (ClassMetrics) -> Double)] = [
            ("P", \.precision), ("R", \.recall), ("F1", \.f1), ("AP50", \.apAt50),
            ("AP50_95", \.apAt50To95), ("tp", \.truePositives), ("fp", \.falsePositives),
        ]
        var largest = 0.0
        for (key, value) in columns {
            let difference = maxAbsDifference(
                summary.classes.map(value), try doubles(reference[key]))
            largest = Swift.max(largest, difference)
            #expect(difference <= 1e-6, "\(key)")
        }
        let perThreshold = try rows(reference["AP_per_iou"])
        for (row, expected) in zip(summary.classes, perThreshold) {
            let difference = maxAbsDifference(row.averagePrecisionPerThreshold, expected)
            largest = Swift.max(largest, difference)
            #expect(difference <= 1e-6)
        }
        let means: [(String, Double)] = [
            ("mP", summary.precision), ("mR", summary.recall), ("mAP50", summary.mapAt50),
            ("mAP50_95", summary.mapAt50To95), ("fitness", summary.fitness),
        ]
        for (key, value) in means {
            let difference = Swift.abs(value - (try #require(reference[key] as? Double)))
            largest = Swift.max(largest, difference)
            #expect(difference <= 1e-6, "\(key)")
        }
        note("ap_per_class values", largest)
    }

    @Test func noCorrectPredictionGivesZeros() throws {
        var metrics = DetectionMetrics(classCount: 2)
        let label = LabeledBox(classIndex: 0, box: BoxCorners(x1: 0, y1: 0, x2: 10, y2: 10))
        let far = Detection(
            box: BoxCorners(x1: 50, y1: 50, x2: 60, y2: 60), confidence: 0.9, classIndex: 0)
        try metrics.add(predictions: [far], labels: [label])
        try metrics.add(predictions: [], labels: [])
        #expect(throws: TrainingError.self) {
            try metrics.add(predictions: [], labels: [LabeledBox(classIndex: 2, box: label.box)])
        }
        let summary = metrics.summary()
        #expect(summary.classes.isEmpty)
        #expect(summary.mapAt50 == 0 && summary.precision == 0)
        #expect(summary.imageCount == 2)
        #expect(metrics.labelCounts == [1, 0])
    }

    /// val.py's quirk: once each prediction keeps its best label, each label keeps the pair
    /// with the lowest prediction index, not the best IoU.
    @Test func labelsKeepTheLowestPredictionIndex() {
        let label = LabeledBox(classIndex: 0, box: BoxCorners(x1: 0, y1: 0, x2: 10, y2: 10))
        let weaker = Detection(
            box: BoxCorners(x1: 0, y1: 0, x2: 10, y2: 8), confidence: 0.9, classIndex: 0)
        let exact = Detection(box: label.box, confidence: 0.8, classIndex: 0)
        let correct = PredictionMatching.correctMatrix(
            predictions: [weaker, exact], labels: [label], iouThresholds: [0.5])
        #expect(correct == [[true], [false]])
    }

    @Test func confusionMatrixByHand() throws {
        var matrix = ConfusionMatrix(classCount: 2)
        let mask = LabeledBox(classIndex: 0, box: BoxCorners(x1: 0, y1: 0, x2: 10, y2: 10))
        let nomask = LabeledBox(classIndex: 1, box: BoxCorners(x1: 20, y1: 0, x2: 30, y2: 10))
        let missed = LabeledBox(classIndex: 1, box: BoxCorners(x1: 50, y1: 50, x2: 60, y2: 60))
        let predictions = [
            Detection(box: mask.box, confidence: 0.9, classIndex: 0),  // correct
            Detection(box: nomask.box, confidence: 0.8, classIndex: 0),  // wrong class
            Detection(
                box: BoxCorners(x1: 80, y1: 80, x2: 90, y2: 90), confidence: 0.7,
                classIndex: 1),  // background
            Detection(box: missed.box, confidence: 0.1, classIndex: 1),  // below 0.25
        ]
        try matrix.add(predictions: predictions, labels: [mask, nomask, missed])
        #expect(matrix.counts == [[1, 1, 0], [0, 0, 1], [0, 1, 0]])
        #expect(matrix.truePositives == [1, 0])
        #expect(matrix.falsePositives == [1, 1])
    }

    @Test func numpyInterpolationAndSummation() {
        let xp = [0.0, 1.0, 1.0, 2.0]
        let fp = [0.0, 10.0, 20.0, 30.0]
        #expect(LinearInterpolation.value(at: 0.5, xp: xp, fp: fp) == 5)
        #expect(LinearInterpolation.value(at: 1.0, xp: xp, fp: fp) == 20)
        #expect(LinearInterpolation.value(at: -1, xp: xp, fp: fp, left: -7) == -7)
        #expect(LinearInterpolation.value(at: 3, xp: xp, fp: fp) == 30)
        let values = (1...300).map { 1.0 / Double($0) }
        #expect(Swift.abs(NumPySum.pairwise(values) - values.reduce(0, +)) < 1e-12)
        #expect(AveragePrecision.boxFiltered([1, 1, 1, 1], fraction: 0.5) == [1, 1, 1, 1])
    }
}
