import Torch

/// A row of the model file that maps its input feature maps to one output feature map.
///
/// Every row but the detection head is one: `inputs` are the outputs of the row's `from`
/// layers in the order written, each `[N, C, H, W]`.
public protocol FeatureLayer: Module {
    func forward(_ inputs: [Tensor]) throws -> Tensor
}

/// Builds the module a `LayerPlan` describes, so n, s and any other YOLOv5-schema file go
/// through the same code.
enum LayerFactory {
    static func makeFeatureLayer(_ plan: LayerPlan, fused: Bool) throws -> any FeatureLayer {
        switch plan.arguments {
        case let .conv(input, output, kernel, stride, padding):
            return try Conv(inputChannels: input, outputChannels: output, kernel: kernel,
                            stride: stride, padding: padding, fused: fused)
        case let .c3(input, output, bottlenecks, shortcut):
            return try C3(inputChannels: input, outputChannels: output,
                          bottlenecks: bottlenecks, shortcut: shortcut, fused: fused)
        case let .sppf(input, output, kernel):
            return try SPPF(inputChannels: input, outputChannels: output, kernel: kernel,
                            fused: fused)
        case let .upsample(scale):
            return Upsample(scale: scale)
        case let .concat(dimension):
            return Concat(dimension: dimension)
        case .detect:
            throw ModelBuildError(layer: plan.index, problem: "Detect is only allowed as the "
                                  + "last row of the model file")
        }
    }
}

/// A model file that parsed but cannot be built (a layer where it may not be).
public struct ModelBuildError: Error, CustomStringConvertible, Equatable {
    public let layer: Int
    public let problem: String

    public var description: String { "layer \(layer): \(problem)" }
}
