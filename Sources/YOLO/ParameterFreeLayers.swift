import Torch

/// Nearest-neighbour upsampling, `[N, C, H, W]` to `[N, C, H * scale, W * scale]`.
///
/// A module of its own (no parameters) so the module tree, and with it the layer count
/// YOLOv5 prints, has the same shape as the reference's `nn.Upsample`.
public final class Upsample: Module, FeatureLayer {
    public let scale: Int

    public init(scale: Int) {
        self.scale = scale
        super.init()
    }

    public func forward(_ inputs: [Tensor]) throws -> Tensor {
        try inputs[0].upsampleNearest(scaleFactor: Double(scale))
    }
}

/// Joins the `from` layers' feature maps along the channel dimension:
/// `[N, C1, H, W] ... [N, Ck, H, W]` to `[N, C1 + ... + Ck, H, W]`.
public final class Concat: Module, FeatureLayer {
    public let dimension: Int

    public init(dimension: Int) {
        self.dimension = dimension
        super.init()
    }

    public func forward(_ inputs: [Tensor]) throws -> Tensor {
        try Tensor.cat(inputs, dim: dimension)
    }
}
