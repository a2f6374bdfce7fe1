import MaskFaceVision
import Testing
import Torch

/// Largest differences between two decoded `[bs, rows, 5 + nc]` outputs, split into the box
/// columns (pixels) and the score columns (objectness and classes, 0...1).
struct DecodedDifference: CustomStringConvertible {
    var boxAbsolute: Float = 0
    /// Largest `|a - b| - 1e-4` over `|b|`: the relative part a box difference needs beyond
    /// the absolute 1e-4 allowance (0 when the absolute allowance covers it).
    var boxRelativeBeyondAbsolute: Float = 0
    var scoreAbsolute: Float = 0

    init(_ actual: [Float], _ expected: [Float], columns: Int) {
        for (index, (a, b)) in zip(actual, expected).enumerated() {
            let difference = abs(a - b)
            if index % columns < 4 {
                boxAbsolute = max(boxAbsolute, difference)
                let beyond = max(0, difference - 1e-4) / max(abs(b), 1e-6)
                boxRelativeBeyondAbsolute = max(boxRelativeBeyondAbsolute, beyond)
            } else {
                scoreAbsolute = max(scoreAbsolute, difference)
            }
        }
    }

    /// The fixture README's bounds for two float32 computations of the same model:
    /// scores within 1e-4 absolute, boxes within 5e-6 relative + 1e-4 absolute.
    var isWithinForwardBounds: Bool {
        scoreAbsolute <= 1e-4 && boxRelativeBeyondAbsolute <= 5e-6
    }

    var description: String {
        "boxes \(boxAbsolute) px (relative beyond 1e-4: \(boxRelativeBeyondAbsolute)), "
            + "scores \(scoreAbsolute)"
    }
}

/// One image of a batch `[bs, ...]` as the `[1, ...]` float tensor OpenCV takes.
func singleImage(_ batch: Tensor, _ index: Int) throws -> FloatTensor {
    let image = try batch.narrow(dim: 0, start: index, length: 1).contiguous()
    return try FloatTensor(shape: image.shape, values: try image.to(dtype: .float32).floats())
}
