import Torch

/// A residual pair of convolutions, 1x1 then 3x3: `[N, C, H, W]` to `[N, C', H, W]`.
///
/// The input is added back when `shortcut` is set and the channel counts agree; C3 builds
/// its bottlenecks with the hidden width equal to the output width (YOLOv5's `e=1.0`).
public final class Bottleneck: Module {
    public let cv1: Conv
    public let cv2: Conv
    /// Whether the input is added to the output.
    public let addsInput: Bool

    public init(inputChannels: Int, outputChannels: Int, shortcut: Bool, fused: Bool) throws {
        cv1 = try Conv(inputChannels: inputChannels, outputChannels: outputChannels,
                       fused: fused)
        cv2 = try Conv(inputChannels: outputChannels, outputChannels: outputChannels,
                       kernel: 3, fused: fused)
        addsInput = shortcut && inputChannels == outputChannels
        super.init()
        try registerModule("cv1", cv1)
        try registerModule("cv2", cv2)
    }

    public func forward(_ input: Tensor) throws -> Tensor {
        let output = try cv2.forward(try cv1.forward(input))
        return addsInput ? try input + output : output
    }
}

/// CSP bottleneck with three convolutions (YOLOv5's C3): `[N, inputChannels, H, W]` to
/// `[N, outputChannels, H, W]`.
///
/// Two 1x1 branches of half the output width; one runs through the bottlenecks, then the
/// two are concatenated and mixed by a third 1x1 convolution:
/// `cv3(cat(m(cv1(x)), cv2(x)))`.
public final class C3: Module, FeatureLayer {
    public let cv1: Conv
    public let cv2: Conv
    public let cv3: Conv
    /// The inner bottlenecks, registered as `m.0`, `m.1`, ... like YOLOv5's `nn.Sequential`.
    public let bottlenecks: [Bottleneck]

    public init(inputChannels: Int, outputChannels: Int, bottlenecks count: Int,
                shortcut: Bool, fused: Bool) throws {
        let hiddenChannels = outputChannels / 2
        cv1 = try Conv(inputChannels: inputChannels, outputChannels: hiddenChannels,
                       fused: fused)
        cv2 = try Conv(inputChannels: inputChannels, outputChannels: hiddenChannels,
                       fused: fused)
        cv3 = try Conv(inputChannels: 2 * hiddenChannels, outputChannels: outputChannels,
                       fused: fused)
        bottlenecks = try (0..<count).map { _ in
            try Bottleneck(inputChannels: hiddenChannels, outputChannels: hiddenChannels,
                           shortcut: shortcut, fused: fused)
        }
        super.init()
        try registerModule("cv1", cv1)
        try registerModule("cv2", cv2)
        try registerModule("cv3", cv3)
        let sequence = try registerModule("m", Module())
        for (index, bottleneck) in bottlenecks.enumerated() {
            try sequence.registerModule(String(index), bottleneck)
        }
    }

    public func forward(_ inputs: [Tensor]) throws -> Tensor {
        let input = inputs[0]
        var mainBranch = try cv1.forward(input)
        for bottleneck in bottlenecks {
            mainBranch = try bottleneck.forward(mainBranch)
        }
        let sideBranch = try cv2.forward(input)
        return try cv3.forward(try Tensor.cat([mainBranch, sideBranch], dim: 1))
    }
}
