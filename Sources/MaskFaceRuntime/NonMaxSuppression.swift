import MaskFaceCore

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
///
/// Steps 3 to 5 are `MaskFaceCore.GreedySuppression`, shared with the training validator.
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

    /// Kept boxes, highest confidence first. `rows` holds `rowLength` floats per row.
    public static func run(rows: [Float], rowLength: Int, options: Options = .detect) -> [Box] {
        let candidates = self.candidates(rows: rows, rowLength: rowLength, options: options)
        let scored = candidates.map { box in
            Detection(box: BoxCorners(x1: box.x1, y1: box.y1, x2: box.x2, y2: box.y2),
                      confidence: box.confidence, classIndex: box.classIndex)
        }
        return GreedySuppression.suppress(
            scored, iouThreshold: options.iouThreshold, classAgnostic: options.classAgnostic,
            limit: options.maximumDetections
        ).map { candidates[$0] }
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
}
