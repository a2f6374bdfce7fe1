import MaskFaceCore

/// The layer kinds a YOLOv5 model file may name; anything else is refused with its position.
public enum LayerKind: String, Sendable, CaseIterable {
    case conv = "Conv"
    case c3 = "C3"
    case sppf = "SPPF"
    case upsample = "nn.Upsample"
    case concat = "Concat"
    case detect = "Detect"

    /// The name YOLOv5's model summary prints for this kind.
    public var referenceName: String {
        switch self {
        case .conv: return "models.common.Conv"
        case .c3: return "models.common.C3"
        case .sppf: return "models.common.SPPF"
        case .upsample: return "torch.nn.modules.upsampling.Upsample"
        case .concat: return "models.common.Concat"
        case .detect: return "models.yolo.Detect"
        }
    }
}

/// A layer's constructor arguments after depth and width scaling, channels resolved.
public enum LayerArguments: Sendable, Equatable {
    /// Convolution + BatchNorm + SiLU. Padding nil means "same" padding, kernel / 2.
    case conv(inputChannels: Int, outputChannels: Int, kernel: Int, stride: Int, padding: Int?)
    /// CSP bottleneck with three convolutions and `bottlenecks` inner Bottlenecks.
    case c3(inputChannels: Int, outputChannels: Int, bottlenecks: Int, shortcut: Bool)
    /// Spatial pyramid pooling, fast: three chained max pools of size `kernel`.
    case sppf(inputChannels: Int, outputChannels: Int, kernel: Int)
    /// Nearest-neighbour upsampling by an integer factor.
    case upsample(scale: Int)
    /// Channel concatenation of the `from` layers.
    case concat(dimension: Int)
    /// The detection head: one 1x1 convolution per level; anchors in pixels, per level.
    case detect(classCount: Int, anchors: [[Double]], inputChannels: [Int])
}

/// One row of the model file, resolved: where its input comes from and what it builds.
public struct LayerPlan: Sendable, Equatable {
    public let index: Int
    /// Input layers as written: -1 is the previous layer, other values are absolute indices.
    public let from: [Int]
    /// Repeats after depth scaling; C3 builds them as its inner bottlenecks.
    public let repeats: Int
    public let kind: LayerKind
    public let arguments: LayerArguments
    public let outputChannels: Int
    /// Where the row is in the model file, for errors about it.
    public let mark: YAMLMark

    /// Absolute indices of the input layers.
    public var sourceIndices: [Int] { from.map { $0 < 0 ? index + $0 : $0 } }

    /// The constructor arguments as YOLOv5's summary prints them, for comparison.
    public var referenceArguments: String {
        switch arguments {
        case let .conv(c1, c2, k, s, p):
            let values = [c1, c2, k, s] + (p.map { [$0] } ?? [])
            return "[\(values.map(String.init).joined(separator: ", "))]"
        case let .c3(c1, c2, n, shortcut):
            return shortcut ? "[\(c1), \(c2), \(n)]" : "[\(c1), \(c2), \(n), False]"
        case let .sppf(c1, c2, k): return "[\(c1), \(c2), \(k)]"
        case let .upsample(scale): return "[None, \(scale), 'nearest']"
        case let .concat(dimension): return "[\(dimension)]"
        case let .detect(nc, anchors, channels):
            let anchorText = anchors.map { level in
                "[" + level.map { String(Int($0)) }.joined(separator: ", ") + "]"
            }
            return "[\(nc), [\(anchorText.joined(separator: ", "))], \(channels)]"
        }
    }
}
