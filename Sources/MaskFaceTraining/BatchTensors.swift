import MaskFaceData
import Torch

/// Wraps a loader batch in the tensors the model and the loss take.
extension DetectionBatch {
    /// `[imageCount, 3, imageSize, imageSize]` float32 RGB in 0...1.
    func imageTensor() throws -> Tensor {
        let shape = [imageCount, 3, imageSize, imageSize]
        let bytes = try pixels.withUnsafeBytes { raw in
            try Tensor(bytes: raw, shape: shape, dtype: .uint8)
        }
        return try bytes.to(dtype: .float32) / 255.0
    }

    /// `[labelCount, 6]` rows `(imageIndex, class, cx, cy, w, h)`, boxes normalised.
    func targetTensor() throws -> Tensor {
        try Tensor(labelRows, shape: [labelCount, DetectionBatch.labelColumns])
    }
}
