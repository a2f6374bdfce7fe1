import MaskFaceCore

/// Which predictions of one image count as true positives at each IoU threshold, as
/// YOLOv5 v7.0's `val.py` (`process_batch`) decides it.
///
/// At each threshold `t`, every (label, prediction) pair of the same class with
/// `IoU >= t` is a candidate. Candidates are ordered by descending IoU; each prediction
/// keeps its best candidate; then each label keeps, of the remaining candidates, the one
/// with the lowest prediction index (YOLOv5's order after its `np.unique` by prediction,
/// not necessarily the best IoU). Those predictions are correct at `t`.
///
/// Boxes of labels and predictions must be in the same coordinate space (pixels of the
/// original image in `val.py`).
public enum PredictionMatching {
    /// YOLOv5's IoU thresholds 0.50, 0.55, ..., 0.95 as float32 (`torch.linspace`).
    public static let iouThresholds: [Float] = (0..<10).map { Float(0.5 + 0.05 * Double($0)) }

    /// The `[predictions][thresholds]` matrix of true positives.
    public static func correctMatrix(predictions: [Detection], labels: [LabeledBox],
                                     iouThresholds: [Float] = iouThresholds) -> [[Bool]] {
        var correct = [[Bool]](
            repeating: [Bool](repeating: false, count: iouThresholds.count),
            count: predictions.count)
        guard !predictions.isEmpty, !labels.isEmpty else { return correct }
        let overlaps = labels.map { label in
            predictions.map { label.box.metricIoU(with: $0.box) }
        }
        for (thresholdIndex, threshold) in iouThresholds.enumerated() {
            var candidates: [Match] = []
            for (labelIndex, label) in labels.enumerated() {
                for (predictionIndex, prediction) in predictions.enumerated()
                where overlaps[labelIndex][predictionIndex] >= threshold
                    && label.classIndex == prediction.classIndex
                {
                    candidates.append(
                        Match(label: labelIndex, prediction: predictionIndex,
                              iou: overlaps[labelIndex][predictionIndex]))
                }
            }
            for match in resolve(candidates, reorderBeforeLabels: false) {
                correct[match.prediction][thresholdIndex] = true
            }
        }
        return correct
    }

    /// A label-prediction pair and its IoU.
    struct Match: Equatable {
        var label: Int
        var prediction: Int
        var iou: Float
    }

    /// YOLOv5's one-to-one reduction of candidate pairs (given in label-major order).
    ///
    /// - Parameter reorderBeforeLabels: sort by IoU again before keeping one pair per label
    ///   (the confusion matrix does; `process_batch` does not).
    static func resolve(_ candidates: [Match], reorderBeforeLabels: Bool) -> [Match] {
        guard candidates.count > 1 else { return candidates }
        var matches = byDescendingIoU(candidates)
        matches = firstOccurrences(of: matches, key: \.prediction)
        if reorderBeforeLabels {
            matches = byDescendingIoU(matches)
        }
        return firstOccurrences(of: matches, key: \.label)
    }

    /// NumPy's `argsort()[::-1]`: ascending (stable for ties), then reversed, so equal IoUs
    /// come out last-first.
    private static func byDescendingIoU(_ matches: [Match]) -> [Match] {
        let ascending = matches.indices.sorted { first, second in
            let a = matches[first].iou
            let b = matches[second].iou
            return a != b ? a < b : first < second
        }
        return ascending.reversed().map { matches[$0] }
    }

    /// NumPy's `x[np.unique(x[:, k], return_index=True)[1]]`: the first entry for each key,
    /// ordered by key.
    private static func firstOccurrences(of matches: [Match], key: KeyPath<Match, Int>)
        -> [Match]
    {
        var firstByKey: [Int: Match] = [:]
        for match in matches where firstByKey[match[keyPath: key]] == nil {
            firstByKey[match[keyPath: key]] = match
        }
        return firstByKey.keys.sorted().compactMap { firstByKey[$0] }
    }
}
