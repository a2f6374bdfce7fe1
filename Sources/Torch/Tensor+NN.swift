import CTorch

/// The layer functions YOLOv5 is made of, on `[N, C, H, W]` float tensors.
extension Tensor {
    /// 2-D convolution.
    ///
    /// - Parameters:
    ///   - weight: `[outChannels, inChannels / groups, kernelH, kernelW]`.
    ///   - bias: `[outChannels]`, or nil.
    ///   - stride, padding, dilation: `(height, width)` in pixels.
    /// - Returns: `[N, outChannels, H', W']` with
    ///   `H' = (H + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1`.
    public func conv2d(weight: Tensor, bias: Tensor? = nil, stride: (Int, Int) = (1, 1),
                       padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1),
                       groups: Int = 1) throws -> Tensor {
        let strides = [Int64(stride.0), Int64(stride.1)]
        let paddings = [Int64(padding.0), Int64(padding.1)]
        let dilations = [Int64(dilation.0), Int64(dilation.1)]
        return try makeTensor("conv2d") {
            ctorch_conv2d(
                handle, weight.handle, bias?.handle, strides, paddings, dilations, Int64(groups),
                $0, $1)
        }
    }

    /// Batch normalisation over the channel dimension 1.
    ///
    /// In training mode the batch statistics normalise the input and, when given, the running
    /// statistics are updated in place: `running = (1 - momentum) * running + momentum *
    /// batch` (the variance with Bessel's correction), as `torch.nn.BatchNorm2d` does. In eval
    /// mode the running statistics normalise the input.
    /// - Parameters:
    ///   - weight, bias: per-channel `[C]` affine parameters, or nil.
    ///   - eps: added to the variance; YOLOv5 uses 1e-3, PyTorch's default is 1e-5.
    public func batchNorm(weight: Tensor?, bias: Tensor?, runningMean: Tensor?,
                          runningVar: Tensor?, training: Bool, momentum: Double = 0.1,
                          eps: Double = 1e-5) throws -> Tensor {
        try makeTensor("batch_norm") {
            ctorch_batch_norm(
                handle, weight?.handle, bias?.handle, runningMean?.handle, runningVar?.handle,
                training, momentum, eps, $0, $1)
        }
    }

    /// 2-D max pooling; `stride` defaults to the kernel size, as in PyTorch.
    public func maxPool2d(kernel: (Int, Int), stride: (Int, Int)? = nil,
                          padding: (Int, Int) = (0, 0), dilation: (Int, Int) = (1, 1),
                          ceilMode: Bool = false) throws -> Tensor {
        let kernels = [Int64(kernel.0), Int64(kernel.1)]
        let step = stride ?? kernel
        let strides = [Int64(step.0), Int64(step.1)]
        let paddings = [Int64(padding.0), Int64(padding.1)]
        let dilations = [Int64(dilation.0), Int64(dilation.1)]
        return try makeTensor("max_pool2d") {
            ctorch_max_pool2d(handle, kernels, strides, paddings, dilations, ceilMode, $0, $1)
        }
    }

    /// Nearest-neighbour upsampling of `[N, C, H, W]` to `[N, C, floor(H * s), floor(W * s)]`
    /// (YOLOv5's `nn.Upsample(None, 2, 'nearest')`).
    public func upsampleNearest(scaleFactor: Double) throws -> Tensor {
        try makeTensor("upsample_nearest2d") {
            ctorch_upsample_nearest2d(handle, scaleFactor, scaleFactor, $0, $1)
        }
    }

    /// Softmax along `dim`.
    public func softmax(dim: Int) throws -> Tensor {
        try makeTensor("softmax") { ctorch_softmax(handle, Int64(dim), $0, $1) }
    }

    /// Binary cross-entropy on logits (`self`), numerically stable.
    ///
    /// Per element: `-w * (p * y * log σ(x) + (1 - y) * log(1 - σ(x)))`, with `p` the
    /// `posWeight` broadcast over the last dimension (classes) and `w` the `weight`.
    public func binaryCrossEntropyWithLogits(target: Tensor, weight: Tensor? = nil,
                                             posWeight: Tensor? = nil,
                                             reduction: Reduction = .mean) throws -> Tensor {
        try makeTensor("binary_cross_entropy_with_logits") {
            ctorch_bce_with_logits(
                handle, target.handle, weight?.handle, posWeight?.handle, reduction.rawValue,
                $0, $1)
        }
    }
}
