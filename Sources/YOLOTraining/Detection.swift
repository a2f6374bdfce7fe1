import MaskFaceCore
import Torch

/// Detections as tensors: the rows NMS produces and the validator reads.
extension Detection {
    /// Reads NMS output rows `[k, 6]`: `x1, y1, x2, y2, confidence, class`.
    public static func list(from rows: Tensor) throws -> [Detection] {
        let shape = rows.shape
        guard shape.count == 2, shape[1] == 6 else {
            throw TrainingError.shapeMismatch(
                what: "detections", expected: "[k, 6] (x1, y1, x2, y2, conf, class)",
                actual: shape)
        }
        let values = try rows.detach().to(dtype: .float32, device: .cpu).floats()
        return (0..<shape[0]).map { row in
            let start = row * 6
            let box = BoxCorners(
                x1: values[start], y1: values[start + 1], x2: values[start + 2],
                y2: values[start + 3])
            return Detection(
                box: box, confidence: values[start + 4], classIndex: Int(values[start + 5]))
        }
    }

    /// Writes detections as `[k, 6]` float32 rows: `x1, y1, x2, y2, confidence, class`.
    public static func tensor(from detections: [Detection]) throws -> Tensor {
        let values = detections.flatMap {
            [$0.box.x1, $0.box.y1, $0.box.x2, $0.box.y2, $0.confidence, Float($0.classIndex)]
        }
        return try Tensor(values, shape: [detections.count, 6])
    }
}

/// A ground-truth box of one image with its class.
public struct LabeledBox: Sendable, Equatable {
    public var classIndex: Int
    public var box: BoxCorners

    public init(classIndex: Int, box: BoxCorners) {
        self.classIndex = classIndex
        self.box = box
    }
}
