/// YOLOv5's `non_max_suppression` on one image's decoded detector output, in Swift.
///
/// Input rows are `[cx, cy, w, h, objectness, class scores...]` in model-input pixels (the
/// `output0` contract). Steps, as YOLOv5 v7.0 runs them:
/// 1. keep rows with objectness > confidence threshold;
/// 2. confidence = objectness x class score; single-label keeps each row's best class when
///    its confidence > threshold, multi-label keeps every class above it;
/// 3. sort by confidence (descending), cap at 30,000 candidates;
/// 4. greedy NMS per class: boxes are shifted by class x 7680 px (YOLOv5's `max_wh`) so
///    classes never overlap, unless class-agnostic; a box is dropped when its IoU with a
///    kept box exceeds the IoU threshold (torchvision's rule, computed in float32);
/// 5. keep at most `maximumDetections`.
public enum NonMaxSuppression {
    public struct Options: Sendable, Equatable {
        /// YOLOv5 detect.py's defaults: conf 0.25, IoU 0.45, 1000 boxes, single-label.
        public static let detect = Options()

        public var confidenceThreshold: Float
        /// Compared in double precision, as torchvision compares its float32 IoU.
        public var iouThreshold: Double
        public var maximumDetections: Int
        public var classAgnostic: Bool
        public var multiLabel: Bool

        public init(confidenceThreshold: Float = 0.25, iouThreshold: Double = 0.45,
                    maximumDetections: Int = 1000, classAgnostic: Bool = false,
                    multiLabel: Bool = false)
        {
            self.confidenceThreshold = confidenceThreshold
            self.iouThreshold = iouThreshold
            self.maximumDetections = maximumDetections
            self.classAgnostic = classAgnostic
            self.multiLabel = multiLabel
        }
    }

    /// A kept box: xyxy in model-input pixels, confidence (objectness x class score) and
    /// class index.
    public struct Box: Sendable, Equatable {
        public var x1: Float
        public var y1: Float
        public var x2: Float
        public var y2: Float
        public var confidence: Float
        public var classIndex: Int
    }

    /// YOLOv5's class offset (`max_wh`) and candidate cap (`max_nms`).
    static let classOffset: Float = 7680
    static let maximumCandidates = 30_000

    /// Kept boxes, highest confidence first. `rows` holds `rowLength` floats per row.
    public static func run(rows: [Float], rowLength: Int, options: Options = .detect) -> [Box] {
        let candidates = self.candidates(rows: rows, rowLength: rowLength, options: options)
        let sorted = candidates.enumerated().sorted {
            $0.element.confidence != $1.element.confidence
                ? $0.element.confidence > $1.element.confidence : $0.offset < $1.offset
        }.prefix(maximumCandidates).map(\.element)
        return suppress(sorted, options: options)
    }

    /// Steps 1 and 2: candidate boxes with their confidences, in row order.
    static func candidates(rows: [Float], rowLength: Int, options: Options) -> [Box] {
        let classCount = rowLength - 5
        guard classCount > 0 else { return [] }
        let threshold = options.confidenceThreshold
        var boxes: [Box] = []
        for start in stride(from: 0, to: rows.count - rowLength + 1, by: rowLength) {
            let objectness = rows[start + 4]
            guard objectness > threshold else { continue }
            let (cx, cy, halfWidth, halfHeight) =
                (rows[start], rows[start + 1], rows[start + 2] / 2, rows[start + 3] / 2)
            func box(_ confidence: Float, _ classIndex: Int) -> Box {
                Box(x1: cx - halfWidth, y1: cy - halfHeight, x2: cx + halfWidth,
                    y2: cy + halfHeight, confidence: confidence, classIndex: classIndex)
            }
            let scores = (0..<classCount).map { rows[start + 5 + $0] * objectness }
            if options.multiLabel {
                for (classIndex, score) in scores.enumerated() where score > threshold {
                    boxes.append(box(score, classIndex))
                }
            } else if let best = scores.indices.max(by: { scores[$0] < scores[$1] }),
                scores[best] > threshold
            {
                boxes.append(box(scores[best], best))
            }
        }
        return boxes
    }

    /// Step 4 and 5: greedy suppression over boxes sorted by confidence.
    static func suppress(_ sorted: [Box], options: Options) -> [Box] {
        let shifted = sorted.map { box -> (Float, Float, Float, Float, Float) in
            let offset = options.classAgnostic ? 0 : Float(box.classIndex) * classOffset
            let (x1, y1, x2, y2) =
                (box.x1 + offset, box.y1 + offset, box.x2 + offset, box.y2 + offset)
            return (x1, y1, x2, y2, (x2 - x1) * (y2 - y1))
        }
        var suppressed = [Bool](repeating: false, count: sorted.count)
        var kept: [Box] = []
        for index in sorted.indices where !suppressed[index] {
            kept.append(sorted[index])
            if kept.count == options.maximumDetections { break }
            let (x1, y1, x2, y2, area) = shifted[index]
            for other in (index + 1)..<sorted.count where !suppressed[other] {
                let (otherX1, otherY1, otherX2, otherY2, otherArea) = shifted[other]
                let width = max(0, min(x2, otherX2) - max(x1, otherX1))
                let height = max(0, min(y2, otherY2) - max(y1, otherY1))
                let intersection = width * height
                let iou = intersection / (area + otherArea - intersection)
                if Double(iou) > options.iouThreshold { suppressed[other] = true }
            }
        }
        return kept
    }
}
