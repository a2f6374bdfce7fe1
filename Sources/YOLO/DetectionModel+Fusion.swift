import Torch

extension DetectionModel {
    /// An inference copy with every Conv block's BatchNorm folded into its convolution
    /// (YOLOv5's `fuse()`): fewer operations per forward, outputs equal to this model's in
    /// eval mode up to float32 rounding (about 4e-6 on raw outputs for the fixture model).
    ///
    /// The copy is in eval mode; this model is not changed. Fused state-dict names are
    /// YOLOv5's for a fused model: `model.0.conv.weight`, `model.0.conv.bias`, no `bn.*`.
    /// A model that is already fused returns itself.
    public func fused() throws -> DetectionModel {
        if isFused {
            return self
        }
        let target = try DetectionModel(config: config, fused: true)
        try target.loadStateDict(try fusedStateDict())
        target.eval()
        return target
    }

    /// This model's weights in the fused layout: each Conv block's folded weight and bias,
    /// and the detection head as it is.
    func fusedStateDict() throws -> NamedTensors {
        var state = NamedTensors()
        for (name, module) in namedModules() {
            guard let block = module as? Conv else { continue }
            let (weight, bias) = try block.fusedParameters()
            state["\(name).conv.weight"] = weight
            state["\(name).conv.bias"] = bias
        }
        let headPrefix = "model.\(config.layers.count - 1)."
        for (name, tensor) in stateDict() where name.hasPrefix(headPrefix) {
            state[name] = tensor
        }
        return state
    }
}
