import MaskFaceCore

/// Counts of predicted versus true classes with a background class, as YOLOv5 v7.0's
/// `ConfusionMatrix` fills it for its plot (confidence 0.25, IoU 0.45 by default).
///
/// `counts[predicted][actual]`, both indexed by class with `classCount` meaning background:
/// a missed label adds to `[background][label class]`, an unmatched prediction to
/// `[prediction class][background]`. Matching ignores classes (that is the point), keeps
/// the best IoU per prediction and then per label.
///
/// YOLOv5's quirks are kept: predictions on images without labels are not counted, and
/// when an image has no label-prediction pair above the IoU threshold its predictions are
/// not counted as background either.
public struct ConfusionMatrix: Sendable, Equatable {
    public let classCount: Int
    public var confidenceThreshold: Float
    public var iouThreshold: Float
    /// `[classCount + 1][classCount + 1]`: rows predicted, columns actual.
    public private(set) var counts: [[Int]]

    public init(classCount: Int, confidenceThreshold: Float = 0.25, iouThreshold: Float = 0.45) {
        self.classCount = classCount
        self.confidenceThreshold = confidenceThreshold
        self.iouThreshold = iouThreshold
        counts = [[Int]](
            repeating: [Int](repeating: 0, count: classCount + 1), count: classCount + 1)
    }

    /// Adds one image (boxes in the same space as the labels). Throws, adding nothing,
    /// when a class index is outside `0..<classCount`.
    public mutating func add(predictions: [Detection], labels: [LabeledBox]) throws {
        let classes = predictions.map(\.classIndex) + labels.map(\.classIndex)
        if let invalid = classes.first(where: { !(0..<classCount).contains($0) }) {
            throw TrainingError.invalidArgument(
                "class index \(invalid) outside 0..<\(classCount) in metrics input")
        }
        guard !labels.isEmpty else { return }
        let background = classCount
        let confident = predictions.filter { $0.confidence > confidenceThreshold }
        var candidates: [PredictionMatching.Match] = []
        for (labelIndex, label) in labels.enumerated() {
            for (predictionIndex, prediction) in confident.enumerated() {
                let iou = label.box.metricIoU(with: prediction.box)
                if iou > iouThreshold {
                    candidates.append(
                        .init(label: labelIndex, prediction: predictionIndex, iou: iou))
                }
            }
        }
        let matches = PredictionMatching.resolve(candidates, reorderBeforeLabels: true)
        for (labelIndex, label) in labels.enumerated() {
            let matched = matches.filter { $0.label == labelIndex }
            if matched.count == 1, let match = matched.first {
                counts[confident[match.prediction].classIndex][label.classIndex] += 1
            } else {
                counts[background][label.classIndex] += 1
            }
        }
        guard !matches.isEmpty else { return }
        for (predictionIndex, prediction) in confident.enumerated()
        where !matches.contains(where: { $0.prediction == predictionIndex }) {
            counts[prediction.classIndex][background] += 1
        }
    }

    /// True positives per class (the diagonal without background).
    public var truePositives: [Int] { (0..<classCount).map { counts[$0][$0] } }

    /// False positives per class: predictions of the class that were something else.
    public var falsePositives: [Int] {
        (0..<classCount).map { row in counts[row].reduce(0, +) - counts[row][row] }
    }
}
