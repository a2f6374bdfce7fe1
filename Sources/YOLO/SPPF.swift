import Torch

/// Spatial pyramid pooling, fast (YOLOv5's SPPF): `[N, inputChannels, H, W]` to
/// `[N, outputChannels, H, W]`.
///
/// Three chained stride-1 max pools of size `kernel` see windows of 5, 9 and 13 pixels for
/// the default 5, the same receptive fields as SPP's parallel pools at lower cost:
/// `cv2(cat(x, m(x), m(m(x)), m(m(m(x)))))` with `x = cv1(input)` at half the input width.
public final class SPPF: Module, FeatureLayer {
    public let cv1: Conv
    public let cv2: Conv
    public let pool: MaxPool

    public init(inputChannels: Int, outputChannels: Int, kernel: Int, fused: Bool) throws {
        let hiddenChannels = inputChannels / 2
        cv1 = try Conv(inputChannels: inputChannels, outputChannels: hiddenChannels,
                       fused: fused)
        cv2 = try Conv(inputChannels: 4 * hiddenChannels, outputChannels: outputChannels,
                       fused: fused)
        pool = MaxPool(kernel: kernel)
        super.init()
        try registerModule("cv1", cv1)
        try registerModule("cv2", cv2)
        try registerModule("m", pool)
    }

    public func forward(_ inputs: [Tensor]) throws -> Tensor {
        let reduced = try cv1.forward(inputs[0])
        let pooledOnce = try pool.forward(reduced)
        let pooledTwice = try pool.forward(pooledOnce)
        let pooledThrice = try pool.forward(pooledTwice)
        return try cv2.forward(
            try Tensor.cat([reduced, pooledOnce, pooledTwice, pooledThrice], dim: 1))
    }
}

/// Stride-1 max pooling with "same" padding (`kernel / 2`), keeping `H` and `W`.
public final class MaxPool: Module {
    public let kernel: Int

    public init(kernel: Int) {
        self.kernel = kernel
        super.init()
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        try input.maxPool2d(kernel: (kernel, kernel), stride: (1, 1),
                            padding: (kernel / 2, kernel / 2))
    }
}
