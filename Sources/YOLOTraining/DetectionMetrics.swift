import MaskFaceCore

/// Validation metrics over a data set, accumulated image by image the way YOLOv5 v7.0's
/// `val.py` does, then summarised into P, R, mAP@0.5 and mAP@0.5:0.95.
///
/// Feed each image's NMS output and labels in one coordinate space (`val.py` uses pixels
/// of the original image after undoing the letterbox). Not thread-safe; one per run.
public struct DetectionMetrics: Sendable {
    public let classCount: Int
    /// IoU thresholds of the `correct` matrix (YOLOv5's 0.50:0.05:0.95).
    public let iouThresholds: [Float]
    public private(set) var confusionMatrix: ConfusionMatrix
    /// Images added so far (`seen` in val.py).
    public private(set) var imageCount = 0
    private var predictions: [AveragePrecision.RankedPrediction] = []
    private var labelClasses: [Int] = []

    public init(classCount: Int, iouThresholds: [Float] = PredictionMatching.iouThresholds,
                confusionMatrix: ConfusionMatrix? = nil) {
        self.classCount = classCount
        self.iouThresholds = iouThresholds
        self.confusionMatrix = confusionMatrix ?? ConfusionMatrix(classCount: classCount)
    }

    /// Adds one image and returns its `[predictions][thresholds]` true-positive matrix.
    /// Throws, adding nothing, when a class index is outside `0..<classCount`.
    @discardableResult
    public mutating func add(predictions detections: [Detection], labels: [LabeledBox])
        throws -> [[Bool]]
    {
        try confusionMatrix.add(predictions: detections, labels: labels)
        imageCount += 1
        let correct = PredictionMatching.correctMatrix(
            predictions: detections, labels: labels, iouThresholds: iouThresholds)
        guard !detections.isEmpty || !labels.isEmpty else { return correct }
        for (detection, row) in zip(detections, correct) {
            predictions.append(
                .init(correct: row, confidence: detection.confidence,
                      classIndex: detection.classIndex))
        }
        labelClasses += labels.map(\.classIndex)
        return correct
    }

    /// Labels per class over everything added (`nt` in val.py), `[classCount]`.
    public var labelCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for classIndex in labelClasses where counts.indices.contains(classIndex) {
            counts[classIndex] += 1
        }
        return counts
    }

    /// The metrics so far. As in val.py, when no prediction is correct at any threshold
    /// everything is zero and there are no per-class rows.
    public func summary() -> MetricsSummary {
        let anyCorrect = predictions.contains { $0.correct.contains(true) }
        guard anyCorrect else {
            return MetricsSummary(
                imageCount: imageCount, labelCount: labelClasses.count, classes: [],
                precision: 0, recall: 0, mapAt50: 0, mapAt50To95: 0)
        }
        let result = AveragePrecision.compute(
            predictions: predictions, labelClasses: labelClasses,
            thresholdCount: iouThresholds.count)
        let classes = result.classes.indices.map { row in
            ClassMetrics(
                classIndex: result.classes[row], labelCount: result.labelCounts[row],
                precision: result.precision[row], recall: result.recall[row],
                f1: result.f1[row], averagePrecisionPerThreshold: result.averagePrecision[row],
                truePositives: result.truePositives[row],
                falsePositives: result.falsePositives[row],
                precisionEnvelope: result.precisionEnvelopes[row])
        }
        return MetricsSummary(
            imageCount: imageCount, labelCount: labelClasses.count, classes: classes,
            precision: mean(classes.map(\.precision)), recall: mean(classes.map(\.recall)),
            mapAt50: mean(classes.map(\.apAt50)), mapAt50To95: mean(classes.map(\.apAt50To95)))
    }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : NumPySum.pairwise(values) / Double(values.count)
    }
}

/// One row of the per-class table.
public struct ClassMetrics: Sendable, Equatable {
    public var classIndex: Int
    /// Labels of this class (`Instances` in YOLOv5's table).
    public var labelCount: Int
    /// At the confidence of best smoothed mean F1 over classes.
    public var precision: Double
    public var recall: Double
    public var f1: Double
    /// AP at each IoU threshold (0.50 ... 0.95).
    public var averagePrecisionPerThreshold: [Double]
    /// YOLOv5's estimates at that confidence: `round(R * labels)`, `round(TP / P - TP)`.
    public var truePositives: Double
    public var falsePositives: Double
    /// Precision envelope at IoU 0.5 sampled at recall 0, 0.01, ..., 1: the PR curve.
    public var precisionEnvelope: [Double] = []

    public var apAt50: Double { averagePrecisionPerThreshold.first ?? 0 }

    /// Mean AP over the thresholds (AP@0.5:0.95).
    public var apAt50To95: Double {
        let values = averagePrecisionPerThreshold
        return values.isEmpty ? 0 : NumPySum.pairwise(values) / Double(values.count)
    }
}

/// What `val.py` prints on its "all" line, plus the per-class rows.
public struct MetricsSummary: Sendable, Equatable {
    public var imageCount: Int
    public var labelCount: Int
    /// Classes that have labels, ascending.
    public var classes: [ClassMetrics]
    /// Mean precision over `classes`.
    public var precision: Double
    public var recall: Double
    public var mapAt50: Double
    public var mapAt50To95: Double

    /// YOLOv5's checkpoint-selection score: 0.1 mAP@0.5 + 0.9 mAP@0.5:0.95.
    public var fitness: Double {
        Fitness.score(mapAt50: mapAt50, mapAt50To95: mapAt50To95)
    }
}
