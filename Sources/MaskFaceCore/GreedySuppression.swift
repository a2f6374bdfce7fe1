/// The suppression half of YOLOv5 v7.0's `non_max_suppression`, shared by the training
/// validator (`YOLOTraining.NonMaxSuppression`) and the runtime detector
/// (`MaskFaceRuntime.NonMaxSuppression`), which each pick their candidates first.
///
/// Steps, as YOLOv5 runs them on scored candidates:
/// 1. sort by confidence, descending (stable here: YOLOv5's sort is not, so exact ties
///    may come out in another order there), and keep at most `maximumCandidates`;
/// 2. shift each box by class x 7680 px (YOLOv5's `max_wh`) so that classes never overlap,
///    unless class-agnostic; the shift is done in float32, as YOLOv5 does it;
/// 3. greedy NMS (torchvision's `nms`): each kept box removes every later box whose IoU
///    with it exceeds the IoU threshold; stop at `limit` kept boxes.
///
/// Written in Swift because the libtorch shim has no torchvision; the arithmetic is
/// torchvision's: float32 areas and IoU without epsilon, compared as doubles.
public enum GreedySuppression {
    /// YOLOv5's `max_wh`: class shift in pixels, larger than any image side.
    public static let classOffset: Float = 7680
    /// YOLOv5's `max_nms`: most candidates sorted into the greedy pass.
    public static let maximumCandidates = 30_000

    /// Indices into `candidates` (those that passed the confidence test) of the kept
    /// boxes, highest confidence first (steps 1-3).
    public static func suppress(
        _ candidates: [Detection], iouThreshold: Double, classAgnostic: Bool,
        maximumCandidates: Int = maximumCandidates, limit: Int
    ) -> [Int] {
        let order = candidates.indices.sorted { first, second in
            let a = candidates[first].confidence
            let b = candidates[second].confidence
            return a != b ? a > b : first < second
        }.prefix(maximumCandidates)
        let shifted = order.map { index -> BoxCorners in
            let candidate = candidates[index]
            let offset = classAgnostic ? 0 : Float(candidate.classIndex) * classOffset
            let box = candidate.box
            return BoxCorners(x1: box.x1 + offset, y1: box.y1 + offset, x2: box.x2 + offset,
                              y2: box.y2 + offset)
        }
        return keep(boxes: shifted, iouThreshold: iouThreshold, limit: limit)
            .map { order[order.startIndex + $0] }
    }

    /// Indices of the kept boxes among `boxes`, already sorted by descending score, in
    /// order, at most `limit` of them (step 3).
    ///
    /// Survivors are compacted in place after each kept box (branch-free), so the cost is
    /// the sum of the surviving list's lengths, and the pass stops once `limit` boxes are
    /// kept. Coordinates are held column-wise for a tight inner loop.
    public static func keep(boxes: [BoxCorners], iouThreshold: Double, limit: Int) -> [Int] {
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
