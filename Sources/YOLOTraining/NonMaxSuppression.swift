import MaskFaceCore
import Torch

/// YOLOv5 v7.0's `non_max_suppression`: from the decoded head output to at most
/// `maxDetections` boxes per image.
///
/// Per image: rows whose objectness exceeds `confidenceThreshold` are candidates; their
/// class scores become objectness x class probability; each class score above the
/// threshold (`multiLabel`) or only the best one becomes a detection; detections are sorted
/// by confidence (at most `maxCandidates`) and greedily suppressed at IoU above
/// `iouThreshold`. Unless `classAgnostic`, boxes of different classes never suppress each
/// other: as in YOLOv5 they are shifted by `class * 7680` pixels before the IoU test, which
/// also reproduces the float32 rounding of that shift.
///
/// Sorting, class shift and the greedy pass are `MaskFaceCore.GreedySuppression`, which the
/// runtime's detector shares. Unlike YOLOv5 there is no wall-clock time limit, so results
/// never depend on load.
public struct NonMaxSuppression: Sendable, Equatable {
    public var confidenceThreshold: Double
    public var iouThreshold: Double
    /// Every class above the threshold yields a detection (val.py) instead of the best one.
    public var multiLabel: Bool
    /// Suppress across classes too.
    public var classAgnostic: Bool
    public var maxDetections: Int
    /// Most detections sorted into the greedy pass (YOLOv5's `max_nms`).
    public var maxCandidates: Int = GreedySuppression.maximumCandidates

    public init(confidenceThreshold: Double, iouThreshold: Double, multiLabel: Bool,
                classAgnostic: Bool = false, maxDetections: Int) {
        self.confidenceThreshold = confidenceThreshold
        self.iouThreshold = iouThreshold
        self.multiLabel = multiLabel
        self.classAgnostic = classAgnostic
        self.maxDetections = maxDetections
    }

    /// `val.py`'s settings: confidence 0.001, IoU 0.6, multi-label, 300 boxes.
    public static let validation = NonMaxSuppression(
        confidenceThreshold: 0.001, iouThreshold: 0.6, multiLabel: true, maxDetections: 300)
    /// `detect.py`'s settings: confidence 0.25, IoU 0.45, best class, 1000 boxes.
    public static let detection = NonMaxSuppression(
        confidenceThreshold: 0.25, iouThreshold: 0.45, multiLabel: false, maxDetections: 1000)

    /// Suppresses a batch.
    ///
    /// - Parameter predictions: `[bs, N, 5 + nc]` decoded rows `cx, cy, w, h` (pixels),
    ///   objectness, class probabilities (after the sigmoid).
    /// - Returns: per image `[k, 6]` float32 rows `x1, y1, x2, y2, confidence, class`, by
    ///   descending confidence.
    public func callAsFunction(_ predictions: Tensor) throws -> [Tensor] {
        try detections(in: predictions).map { try Detection.tensor(from: $0) }
    }

    /// `callAsFunction` as Swift values.
    public func detections(in predictions: Tensor) throws -> [[Detection]] {
        let shape = predictions.shape
        guard shape.count == 3, shape[2] > 5 else {
            throw TrainingError.shapeMismatch(
                what: "decoded predictions", expected: "[bs, N, 5 + classes]", actual: shape)
        }
        let values = try predictions.detach().to(dtype: .float32, device: .cpu).contiguous()
            .floats()
        let imageSize = shape[1] * shape[2]
        return (0..<shape[0]).map { image in
            values.withUnsafeBufferPointer { buffer in
                let rows = UnsafeBufferPointer(
                    rebasing: buffer[(image * imageSize)..<((image + 1) * imageSize)])
                return suppress(rows: rows, rowCount: shape[1], width: shape[2])
            }
        }
    }

    /// One image: candidates, then sorting and greedy suppression.
    func suppress(rows: UnsafeBufferPointer<Float>, rowCount: Int, width: Int) -> [Detection] {
        let candidates = scoredCandidates(rows: rows, rowCount: rowCount, width: width)
        let kept = GreedySuppression.suppress(
            candidates, iouThreshold: iouThreshold, classAgnostic: classAgnostic,
            maximumCandidates: maxCandidates, limit: maxDetections)
        return kept.map { candidates[$0] }
    }

    /// The detections that pass the confidence tests, in row order (and class order within
    /// a row).
    private func scoredCandidates(rows: UnsafeBufferPointer<Float>, rowCount: Int, width: Int)
        -> [Detection]
    {
        // YOLOv5 compares float32 tensors with the threshold cast to float32.
        let threshold = Float(confidenceThreshold)
        let classCount = width - 5
        var result: [Detection] = []
        for row in 0..<rowCount {
            let base = row * width
            let objectness = rows[base + 4]
            guard objectness > threshold else { continue }
            let box = BoxCorners(
                centreX: rows[base], centreY: rows[base + 1], width: rows[base + 2],
                height: rows[base + 3])
            if multiLabel && classCount > 1 {
                for classIndex in 0..<classCount {
                    let score = rows[base + 5 + classIndex] * objectness
                    if score > threshold {
                        result.append(
                            Detection(box: box, confidence: score, classIndex: classIndex))
                    }
                }
            } else {
                var best = 0
                for classIndex in 1..<Swift.max(classCount, 1)
                where rows[base + 5 + classIndex] > rows[base + 5 + best] {
                    best = classIndex
                }
                let score = rows[base + 5 + best] * objectness
                if score > threshold {
                    result.append(Detection(box: box, confidence: score, classIndex: best))
                }
            }
        }
        return result
    }
}
