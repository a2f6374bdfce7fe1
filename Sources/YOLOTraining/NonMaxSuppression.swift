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
/// The greedy pass is written here in Swift (the shim has no torchvision), with
/// torchvision's arithmetic: float32 areas and IoU without epsilon, compared as doubles.
/// Unlike YOLOv5 there is no wall-clock time limit, so results never depend on load.
public struct NonMaxSuppression: Sendable, Equatable {
    public var confidenceThreshold: Double
    public var iouThreshold: Double
    /// Every class above the threshold yields a detection (val.py) instead of the best one.
    public var multiLabel: Bool
    /// Suppress across classes too.
    public var classAgnostic: Bool
    public var maxDetections: Int
    /// Most detections sorted into the greedy pass (YOLOv5's `max_nms`).
    public var maxCandidates: Int = 30000
    /// YOLOv5's `max_wh`: class shift in pixels, larger than any image side.
    public static let classOffset: Float = 7680

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

    /// One image: candidates, sorting, greedy suppression.
    func suppress(rows: UnsafeBufferPointer<Float>, rowCount: Int, width: Int) -> [Detection] {
        var candidates = scoredCandidates(rows: rows, rowCount: rowCount, width: width)
        // A stable sort: YOLOv5 sorts with an unstable one, so equal confidences may come
        // out in another order there (only their order, and only when they tie exactly).
        let order = candidates.indices.sorted { first, second in
            let a = candidates[first].confidence
            let b = candidates[second].confidence
            return a != b ? a > b : first < second
        }
        candidates = order.map { candidates[$0] }
        if candidates.count > maxCandidates {
            candidates.removeLast(candidates.count - maxCandidates)
        }
        let kept = GreedySuppression.keep(
            boxes: candidates.map { shifted($0) }, iouThreshold: iouThreshold,
            limit: maxDetections)
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

    /// The box moved by its class offset (none when class-agnostic).
    private func shifted(_ detection: Detection) -> BoxCorners {
        let shift = classAgnostic ? 0 : NonMaxSuppression.classOffset
        let offset = Float(detection.classIndex) * shift
        let box = detection.box
        return BoxCorners(
            x1: box.x1 + offset, y1: box.y1 + offset, x2: box.x2 + offset, y2: box.y2 + offset)
    }
}

/// Greedy suppression over boxes already sorted by descending score (torchvision's `nms`).
enum GreedySuppression {
    /// Indices of the kept boxes, in order, at most `limit` of them.
    ///
    /// Each kept box removes every later box whose IoU with it exceeds `iouThreshold`.
    /// Survivors are compacted in place after each kept box (branch-free), so the cost is
    /// the sum of the surviving list's lengths, and the pass stops once `limit` boxes are
    /// kept. Coordinates are held column-wise for a tight inner loop.
    static func keep(boxes: [BoxCorners], iouThreshold: Double, limit: Int) -> [Int] {
        var kept: [Int] = []
        guard !boxes.isEmpty, limit > 0 else { return kept }
        let columns = BoxColumns(boxes)
        defer { columns.deallocate() }
        let alive = UnsafeMutableBufferPointer<Int32>.allocate(capacity: boxes.count)
        defer { alive.deallocate() }
        for index in boxes.indices { alive[index] = Int32(index) }
        var aliveCount = boxes.count
        while aliveCount > 0 && kept.count < limit {
            let current = Int(alive[0])
            kept.append(current)
            var survivors = 0
            for position in 1..<Swift.max(aliveCount, 1) {
                let candidate = alive[position]
                let overlap = columns.iou(current, Int(candidate))
                alive[survivors] = candidate
                survivors += Double(overlap) > iouThreshold ? 0 : 1
            }
            aliveCount = survivors
        }
        return kept
    }

    /// Box corners and areas in separate float32 columns.
    private struct BoxColumns {
        let x1, y1, x2, y2, area: UnsafeMutableBufferPointer<Float>

        init(_ boxes: [BoxCorners]) {
            func column(_ value: (BoxCorners) -> Float) -> UnsafeMutableBufferPointer<Float> {
                let buffer = UnsafeMutableBufferPointer<Float>.allocate(capacity: boxes.count)
                _ = buffer.initialize(from: boxes.lazy.map(value))
                return buffer
            }
            x1 = column(\.x1)
            y1 = column(\.y1)
            x2 = column(\.x2)
            y2 = column(\.y2)
            area = column(\.area)
        }

        /// torchvision's IoU: float32, no epsilon (NaN for two empty boxes, which then
        /// never suppress).
        @inline(__always)
        func iou(_ first: Int, _ second: Int) -> Float {
            let width = Swift.max(
                0, Swift.min(x2[first], x2[second]) - Swift.max(x1[first], x1[second]))
            let height = Swift.max(
                0, Swift.min(y2[first], y2[second]) - Swift.max(y1[first], y1[second]))
            let intersection = width * height
            return intersection / (area[first] + area[second] - intersection)
        }

        func deallocate() {
            for column in [x1, y1, x2, y2, area] { column.deallocate() }
        }
    }
}
