/// The two parameterised layers YOLOv5's `Conv` block is made of, with PyTorch's parameter
/// names (`weight`, `bias`, `running_mean`, `running_var`, `num_batches_tracked`) so their
/// state dicts match ultralytics checkpoints.

/// 2-D convolution layer: `[N, inChannels, H, W]` to `[N, outChannels, H', W']`.
public final class Conv2d: Module {
    /// `[outChannels, inChannels / groups, kernel, kernel]`.
    public let weight: Tensor
    /// `[outChannels]`, absent when built with `bias: false` (YOLOv5 convs before BatchNorm).
    public let bias: Tensor?
    public let stride: Int
    public let padding: Int
    public let dilation: Int
    public let groups: Int

    /// Weights start at zero; the model code initialises them (or loads a state dict).
    public init(inChannels: Int, outChannels: Int, kernel: Int, stride: Int = 1,
                padding: Int = 0, dilation: Int = 1, groups: Int = 1, bias: Bool = true) throws {
        weight = try Tensor.zeros([outChannels, inChannels / groups, kernel, kernel])
        self.bias = bias ? try Tensor.zeros([outChannels]) : nil
        self.stride = stride
        self.padding = padding
        self.dilation = dilation
        self.groups = groups
        super.init()
        try registerParameter("weight", weight)
        if let bias = self.bias {
            try registerParameter("bias", bias)
        }
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        try input.conv2d(
            weight: weight, bias: bias, stride: (stride, stride), padding: (padding, padding),
            dilation: (dilation, dilation), groups: groups)
    }
}

/// Batch normalisation over channels of `[N, C, H, W]`, as `torch.nn.BatchNorm2d`.
public final class BatchNorm2d: Module {
    public let weight: Tensor
    public let bias: Tensor
    public let runningMean: Tensor
    public let runningVar: Tensor
    /// int64 scalar, incremented by each training-mode forward.
    public let batchesTracked: Tensor
    /// Weight of the new batch in the running statistics; nil means a cumulative average
    /// (1 / batchesTracked). PyTorch's default is 0.1; YOLOv5 uses 0.03.
    public var momentum: Double?
    /// Added to the variance; PyTorch's default 1e-5, YOLOv5 uses 1e-3.
    public var eps: Double

    public init(channels: Int, eps: Double = 1e-5, momentum: Double? = 0.1) throws {
        weight = try Tensor.ones([channels])
        bias = try Tensor.zeros([channels])
        runningMean = try Tensor.zeros([channels])
        runningVar = try Tensor.ones([channels])
        batchesTracked = try Tensor.zeros([], dtype: .int64)
        self.eps = eps
        self.momentum = momentum
        super.init()
        try registerParameter("weight", weight)
        try registerParameter("bias", bias)
        try registerBuffer("running_mean", runningMean)
        try registerBuffer("running_var", runningVar)
        try registerBuffer("num_batches_tracked", batchesTracked)
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        var factor = momentum ?? 0
        if isTraining {
            try Torch.withNoGrad { try batchesTracked.add_(1) }
            if momentum == nil {
                factor = 1 / Double(try batchesTracked.itemInt())
            }
        }
        return try input.batchNorm(
            weight: weight, bias: bias, runningMean: runningMean, runningVar: runningVar,
            training: isTraining, momentum: factor, eps: eps)
    }
}
