import Torch

/// YOLOv5's basic block: a bias-free convolution, BatchNorm and SiLU,
/// `[N, inputChannels, H, W]` to `[N, outputChannels, H', W']` with
/// `H' = (H + 2 * padding - kernel) / stride + 1`.
///
/// A fused block (see `DetectionModel.fused()`) folds the BatchNorm into the convolution,
/// which then has a bias and the block has no `bn` child, as YOLOv5's `fuse()` leaves it.
/// State-dict names: `conv.weight`, then `bn.weight`, `bn.bias`, `bn.running_mean`,
/// `bn.running_var`, `bn.num_batches_tracked` (unfused) or `conv.bias` (fused).
public final class Conv: Module, FeatureLayer {
    /// BatchNorm settings YOLOv5's `initialize_weights` applies to every BatchNorm2d.
    public static let batchNormEps = 1e-3
    public static let batchNormMomentum = 0.03

    public let conv: Conv2d
    /// Nil once fused.
    public let bn: BatchNorm2d?
    public let inputChannels: Int
    public let outputChannels: Int

    /// - Parameters:
    ///   - padding: nil means "same" padding for odd kernels, `kernel / 2`.
    ///   - fused: the inference layout; its weights start at zero and are always loaded
    ///     (random initialisation would only consume the seeded generator).
    public init(inputChannels: Int, outputChannels: Int, kernel: Int = 1, stride: Int = 1,
                padding: Int? = nil, fused: Bool = false) throws {
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        conv = try Conv2d(inChannels: inputChannels, outChannels: outputChannels,
                          kernel: kernel, stride: stride, padding: padding ?? kernel / 2,
                          bias: fused)
        bn = fused ? nil : try BatchNorm2d(channels: outputChannels, eps: Conv.batchNormEps,
                                           momentum: Conv.batchNormMomentum)
        super.init()
        try registerModule("conv", conv)
        if let bn {
            try registerModule("bn", bn)
        }
        if !fused {
            try DefaultInitialization.apply(to: conv)
        }
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        let convolved = try conv.forward(input)
        let normalized = try bn?.forward(convolved) ?? convolved
        // In place when nothing is recorded for autograd: the activation's input is a
        // temporary, and skipping the extra allocation matters at 640 pixels.
        return try Torch.isGradEnabled ? normalized.silu() : normalized.silu_()
    }

    public func forward(_ inputs: [Tensor]) throws -> Tensor {
        try forward(inputs[0])
    }

    /// The convolution weight and bias that give the same output as conv + BatchNorm in
    /// eval mode: `w' = w * gamma / sqrt(var + eps)` per output channel and
    /// `b' = beta - gamma * mean / sqrt(var + eps)` (plus the scaled conv bias, if any).
    /// Shapes: weight `[out, in, k, k]`, bias `[out]`.
    public func fusedParameters() throws -> (weight: Tensor, bias: Tensor) {
        guard let bn else {
            return (conv.weight, try conv.bias ?? Tensor.zeros([outputChannels]))
        }
        return try Torch.withNoGrad {
            let scale = try bn.weight / (bn.runningVar + bn.eps).sqrt()
            let weight = try conv.weight * scale.view([-1, 1, 1, 1])
            var bias = try bn.bias - bn.weight * bn.runningMean / (bn.runningVar + bn.eps).sqrt()
            if let convBias = conv.bias {
                bias = try bias + convBias * scale
            }
            return (weight, bias)
        }
    }
}

/// PyTorch's default initialisation of a `Conv2d`, which YOLOv5 keeps (its
/// `initialize_weights` leaves convolutions alone): Kaiming-uniform with `a = sqrt(5)`,
/// which reduces to `U(-1/sqrt(fanIn), 1/sqrt(fanIn))` for the weight and the same bound
/// for the bias, `fanIn = inChannels / groups * kernel * kernel`.
///
/// Draws come from libtorch's generator (`Torch.manualSeed`), but not in PyTorch's order,
/// so a seeded model has the same distribution as YOLOv5's, not the same values.
enum DefaultInitialization {
    static func apply(to conv: Conv2d) throws {
        let shape = conv.weight.shape
        let fanIn = shape.dropFirst().reduce(1, *)
        let bound = 1 / Double(fanIn).squareRoot()
        try Torch.withNoGrad {
            try conv.weight.copy_(try uniform(shape, bound: bound))
            if let bias = conv.bias {
                try bias.copy_(try uniform(bias.shape, bound: bound))
            }
        }
    }

    /// Samples of `U(-bound, bound)`.
    static func uniform(_ shape: [Int], bound: Double) throws -> Tensor {
        try (Tensor.rand(shape) * (2 * bound)) - bound
    }
}
