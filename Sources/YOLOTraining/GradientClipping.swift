import Torch

/// Gradient norms and YOLOv5's gradient clipping (`train.py` v7.0 clips the total L2 norm
/// of all gradients to 10 before every optimizer step).
///
/// The arithmetic is `torch.nn.utils.clip_grad_norm_`'s in torch 1.13: the total norm is
/// the L2 norm of the per-tensor L2 norms; every gradient is multiplied by
/// `min(maxNorm / (total + 1e-6), 1)`, also when that factor is 1.
public enum GradientClipping {
    /// YOLOv5's `max_norm`.
    public static let yoloMaxNorm = 10.0

    /// Scales the gradients of `parameters` in place and returns the total norm before
    /// clipping (what YOLOv5's loss fixture calls `grad_total_norm`). Parameters without a
    /// gradient are skipped; with none at all the result is 0.
    @discardableResult
    public static func clip(_ parameters: [Tensor], maxNorm: Double = yoloMaxNorm) throws
        -> Double
    {
        let gradients = try parameters.compactMap { try $0.grad() }
        guard !gradients.isEmpty else { return 0 }
        return try Torch.withNoGrad {
            let total = try Tensor.stack(try gradients.map { try $0.detach().norm() }).norm()
            let factor = try (maxNorm / (total + 1e-6)).clamp(max: 1.0)
            for gradient in gradients {
                try gradient.detach().mul_(factor)
            }
            return try total.item()
        }
    }

    /// The L2 norm of each parameter's gradient by name (nil before any backward pass), to
    /// compare with the per-parameter `grad_norms` of the loss fixture.
    public static func gradientNorms(of namedParameters: [(name: String, tensor: Tensor)])
        throws -> [(name: String, norm: Double?)]
    {
        try namedParameters.map { entry in
            (entry.name, try entry.tensor.grad().map { try $0.norm().item() })
        }
    }
}
