import Foundation
import Torch

/// Complete IoU (CIoU, Zheng et al. 2020, arXiv:1911.08287) between paired boxes, the
/// regression target of YOLOv5's box loss.
///
/// `CIoU = IoU - (rho^2 / c^2 + alpha * v)`: `rho` is the distance between the centres, `c`
/// the diagonal of the smallest enclosing box, `v = 4 / pi^2 * (atan(w2/h2) - atan(w1/h1))^2`
/// measures aspect-ratio disagreement, and `alpha = v / (v - IoU + 1)` is treated as a
/// constant (no gradient), as in the paper and YOLOv5.
enum CompleteIoU {
    /// Keeps divisions finite for degenerate boxes (YOLOv5's 1e-7).
    static let epsilon = 1e-7

    /// CIoU of each row of `predicted` with the same row of `target`.
    ///
    /// - Parameters:
    ///   - predicted: `[n, 4]` boxes `(cx, cy, w, h)`, any consistent unit (grid cells in the
    ///     loss); gradients flow through it.
    ///   - target: `[n, 4]` boxes in the same layout and unit.
    /// - Returns: `[n]`.
    static func between(_ predicted: Tensor, _ target: Tensor) throws -> Tensor {
        let first = try Corners(xywh: predicted)
        let second = try Corners(xywh: target)
        let overlapWidth = try (first.right.minimum(second.right) - first.left.maximum(
            second.left)).clamp(min: 0)
        let overlapHeight = try (first.bottom.minimum(second.bottom) - first.top.maximum(
            second.top)).clamp(min: 0)
        let intersection = try overlapWidth * overlapHeight
        let union = try first.width * first.height + second.width * second.height
            - intersection + epsilon
        let iou = try intersection / union

        let enclosingWidth = try first.right.maximum(second.right)
            - first.left.minimum(second.left)
        let enclosingHeight = try first.bottom.maximum(second.bottom)
            - first.top.minimum(second.top)
        let diagonalSquared = try enclosingWidth.pow(2) + enclosingHeight.pow(2) + epsilon
        let centreDx = try second.left + second.right - first.left - first.right
        let centreDy = try second.top + second.bottom - first.top - first.bottom
        let centreDistanceSquared = try (centreDx.pow(2) + centreDy.pow(2)) / 4
        let aspectGap = try (second.width / second.height).atan()
            - (first.width / first.height).atan()
        let aspect = try (4 / (Double.pi * Double.pi)) * aspectGap.pow(2)
        let alpha = try Torch.withNoGrad {
            try (aspect / (aspect - iou + (1 + epsilon))).detach()
        }
        return try iou - (centreDistanceSquared / diagonalSquared + aspect * alpha)
    }

    /// Box edges from centre and size: `[n]` each.
    private struct Corners {
        let left, right, top, bottom, width, height: Tensor

        init(xywh boxes: Tensor) throws {
            let centreX = try boxes.select(dim: 1, index: 0)
            let centreY = try boxes.select(dim: 1, index: 1)
            width = try boxes.select(dim: 1, index: 2)
            height = try boxes.select(dim: 1, index: 3)
            let halfWidth = try width / 2
            let halfHeight = try height / 2
            left = try centreX - halfWidth
            right = try centreX + halfWidth
            top = try centreY - halfHeight
            bottom = try centreY + halfHeight
        }
    }
}
