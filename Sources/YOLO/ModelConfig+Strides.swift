/// How far each layer's output is downsampled from the input image.
extension ModelConfig {
    /// Pixels of input per output cell for every layer: strided convolutions multiply it,
    /// upsampling divides it, other layers keep their first input's.
    ///
    /// YOLOv5 finds the head's strides by running a 256x256 image through the model; for
    /// these layer kinds that gives the same numbers as this count.
    public func layerStrides() throws -> [Int] {
        var strides: [Int] = []
        for layer in layers {
            let input = layer.index == 0 ? 1 : strides[layer.sourceIndices[0]]
            switch layer.arguments {
            case let .conv(_, _, _, stride, _):
                strides.append(input * stride)
            case let .upsample(scale):
                guard input % scale == 0 else {
                    throw ModelBuildError(layer: layer.index, problem: "upsampling by \(scale) "
                                          + "a map of stride \(input) gives no whole stride")
                }
                strides.append(input / scale)
            case .concat:
                let joined = layer.sourceIndices.map { strides[$0] }
                guard Set(joined).count == 1 else {
                    throw ModelBuildError(layer: layer.index, problem: "Concat joins maps of "
                                          + "different strides \(joined)")
                }
                strides.append(input)
            case .c3, .sppf, .detect:
                strides.append(input)
            }
        }
        return strides
    }

    /// The detection head's strides, one per level (8, 16, 32 for YOLOv5n/s).
    public func detectionStrides() throws -> [Int] {
        guard let head = layers.last, head.kind == .detect else { return [] }
        let strides = try layerStrides()
        return head.sourceIndices.map { strides[$0] }
    }
}
