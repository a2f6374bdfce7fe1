/// Operation counts as YOLOv5 reports them ("GFLOPs" in its model summary), worked out
/// from the model file instead of by profiling a forward pass.
///
/// YOLOv5 runs thop 0.1.1 on a `1x3x32x32` input (32 = the largest stride), doubles the
/// multiply-accumulate count and scales it by `(imageSize / 32)^2`. thop counts, per
/// module type:
/// - Conv2d: `outputElements * inChannels / groups * kernel * kernel` (the bias is free);
/// - BatchNorm2d with affine parameters: `4 * elements`;
/// - nearest Upsample: one per output element;
/// - SiLU, MaxPool2d, Concat and Detect's arithmetic: nothing.
/// These rules reproduce the reference's 4.2285056 (yolov5n) and 15.9543296 (yolov5s)
/// GFLOPs at 640, and 4.133888 / 15.7650944 fused.
public struct ModelComplexity {
    public let config: ModelConfig
    public let isFused: Bool

    public init(config: ModelConfig, fused: Bool) {
        self.config = config
        isFused = fused
    }

    /// The side of the square input YOLOv5 profiles at: the largest stride, at least 32.
    public func profileSize() throws -> Int {
        max(try config.detectionStrides().max() ?? 32, 32)
    }

    /// Billions of floating-point operations for one `imageSize x imageSize` image, as
    /// YOLOv5 scales them from the profile size.
    public func gflops(imageSize: Int) throws -> Double {
        let size = try profileSize()
        let operations = try layerMultiplyAccumulates(inputSize: size).reduce(0, +)
        let scale = Double(imageSize) / Double(size)
        return Double(operations) * 2 / 1e9 * scale * scale
    }

    /// thop's count for each row of the model file at a square `inputSize` input.
    public func layerMultiplyAccumulates(inputSize: Int) throws -> [Int] {
        var sides: [Int] = []
        var counts: [Int] = []
        for layer in config.layers {
            let side = layer.index == 0 ? inputSize : sides[layer.sourceIndices[0]]
            let (count, output) = try layerCount(layer, side: side, sides: sides)
            counts.append(count)
            sides.append(output)
        }
        return counts
    }

    /// One row's count and output side length.
    private func layerCount(_ layer: LayerPlan, side: Int, sides: [Int]) throws
        -> (count: Int, side: Int)
    {
        switch layer.arguments {
        case let .conv(input, output, kernel, stride, padding):
            let outputSide = (side + 2 * (padding ?? kernel / 2) - kernel) / stride + 1
            return (convBlock(input, output, kernel: kernel, side: outputSide), outputSide)
        case let .c3(input, output, bottlenecks, _):
            let hidden = output / 2
            let inner = convBlock(hidden, hidden, kernel: 1, side: side)
                + convBlock(hidden, hidden, kernel: 3, side: side)
            let count = 2 * convBlock(input, hidden, kernel: 1, side: side)
                + bottlenecks * inner + convBlock(2 * hidden, output, kernel: 1, side: side)
            return (count, side)
        case let .sppf(input, output, _):
            let hidden = input / 2
            return (convBlock(input, hidden, kernel: 1, side: side)
                    + convBlock(4 * hidden, output, kernel: 1, side: side), side)
        case let .upsample(scale):
            return (layer.outputChannels * (side * scale) * (side * scale), side * scale)
        case .concat:
            return (0, side)
        case let .detect(classCount, anchors, channels):
            let outputs = anchors[0].count / 2 * (classCount + 5)
            let count = zip(layer.sourceIndices, channels).reduce(0) { total, level in
                total + convolution(level.1, outputs, kernel: 1, side: sides[level.0])
            }
            return (count, side)
        }
    }

    /// A Conv block: its convolution, plus its BatchNorm unless fused.
    private func convBlock(_ input: Int, _ output: Int, kernel: Int, side: Int) -> Int {
        let normalization = isFused ? 0 : 4 * output * side * side
        return convolution(input, output, kernel: kernel, side: side) + normalization
    }

    private func convolution(_ input: Int, _ output: Int, kernel: Int, side: Int) -> Int {
        output * side * side * input * kernel * kernel
    }
}
