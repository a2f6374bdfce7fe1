/// Stochastic gradient descent with momentum, Nesterov and weight decay, with the same
/// arithmetic as `torch.optim.SGD` in torch 1.13 (its single-tensor path).
///
/// For each parameter p with gradient g, per group:
///
///     d = g + weightDecay * p                       (when weightDecay != 0)
///     buf = d                                       (first step: a copy of d)
///     buf = momentum * buf + (1 - dampening) * d    (later steps)
///     d = d + momentum * buf   (nesterov)   or   d = buf   (plain momentum)
///     p = p - learningRate * d
///
/// Groups are plain values in `groups`; change their learning rate, momentum or weight decay
/// between steps (YOLOv5's warm-up does so every iteration). Momentum buffers belong to the
/// parameter tensors, not to the group, so they survive such changes.
///
/// Not `Sendable`: the optimizer mutates its parameters and buffers in place.
public final class SGD {
    /// Parameters that share hyperparameters.
    public struct ParameterGroup {
        public var parameters: [Tensor]
        public var learningRate: Double
        public var momentum: Double
        public var dampening: Double
        public var weightDecay: Double
        public var nesterov: Bool

        public init(parameters: [Tensor], learningRate: Double, momentum: Double = 0,
                    dampening: Double = 0, weightDecay: Double = 0, nesterov: Bool = false) {
            self.parameters = parameters
            self.learningRate = learningRate
            self.momentum = momentum
            self.dampening = dampening
            self.weightDecay = weightDecay
            self.nesterov = nesterov
        }
    }

    public var groups: [ParameterGroup]
    // Known gap: buffers are keyed by tensor identity, so a parameter dropped from every
    // group keeps its buffer until `loadStateDict` replaces them all. Pruning keys that are
    // no longer in `groups` at each step would remove it; no caller drops parameters today.
    // Also missing: torch's `maximize` flag and foreach path (1.13 defaults to neither).
    private var momentumBuffers: [ObjectIdentifier: Tensor] = [:]

    public init(groups: [ParameterGroup]) throws {
        self.groups = groups
        try validate()
    }

    /// One group holding all `parameters`.
    public convenience init(parameters: [Tensor], learningRate: Double, momentum: Double = 0,
                            dampening: Double = 0, weightDecay: Double = 0,
                            nesterov: Bool = false) throws {
        try self.init(groups: [
            ParameterGroup(
                parameters: parameters, learningRate: learningRate, momentum: momentum,
                dampening: dampening, weightDecay: weightDecay, nesterov: nesterov)
        ])
    }

    /// Updates every parameter that has a gradient; parameters without one are skipped.
    public func step() throws {
        try validate()
        try Torch.withNoGrad {
            for group in groups {
                for parameter in group.parameters {
                    try update(parameter, group: group)
                }
            }
        }
    }

    /// Zeroes (or drops) the gradients of all parameters in all groups.
    public func zeroGrad(setToNone: Bool = false) throws {
        for group in groups {
            for parameter in group.parameters {
                try parameter.zeroGrad(setToNone: setToNone)
            }
        }
    }

    /// Momentum buffers keyed `"<index>.momentum_buffer"`, where index counts parameters
    /// across groups in order (torch.optim's numbering). Parameters that have not stepped
    /// with momentum yet have no entry. The tensors are copies.
    public func stateDict() throws -> NamedTensors {
        var state = NamedTensors()
        for (index, parameter) in flatParameters().enumerated() {
            if let buffer = momentumBuffers[ObjectIdentifier(parameter)] {
                state["\(index).momentum_buffer"] = try buffer.clone()
            }
        }
        return state
    }

    /// Restores momentum buffers saved by `stateDict()` for the same parameter layout.
    /// Replaces all current buffers; checks every key and shape before changing anything.
    public func loadStateDict(_ state: NamedTensors) throws {
        let parameters = flatParameters()
        var restored: [ObjectIdentifier: Tensor] = [:]
        for (name, tensor) in state {
            let parts = name.split(separator: ".")
            guard parts.count == 2, parts[1] == "momentum_buffer", let index = Int(parts[0]),
                parameters.indices.contains(index)
            else {
                throw TorchError(
                    operation: "SGD.loadStateDict",
                    message: "unexpected key '\(name)' for \(parameters.count) parameters")
            }
            let parameter = parameters[index]
            guard tensor.shape == parameter.shape else {
                throw TorchError(
                    operation: "SGD.loadStateDict",
                    message: "\(name) has shape \(tensor.shape), parameter has \(parameter.shape)")
            }
            restored[ObjectIdentifier(parameter)] = try tensor.detach()
                .to(dtype: parameter.dtype, device: parameter.device).clone()
        }
        momentumBuffers = restored
    }

    private func update(_ parameter: Tensor, group: ParameterGroup) throws {
        guard let gradient = try parameter.grad() else { return }
        var direction = gradient
        if group.weightDecay != 0 {
            direction = try gradient.clone().add_(parameter, alpha: group.weightDecay)
        }
        if group.momentum != 0 {
            let key = ObjectIdentifier(parameter)
            let buffer: Tensor
            if let existing = momentumBuffers[key] {
                buffer = try existing.mul_(group.momentum)
                    .add_(direction, alpha: 1 - group.dampening)
            } else {
                buffer = try direction.clone().detach()
                momentumBuffers[key] = buffer
            }
            if group.nesterov {
                direction = try direction.clone().add_(buffer, alpha: group.momentum)
            } else {
                direction = buffer
            }
        }
        try parameter.add_(direction, alpha: -group.learningRate)
    }

    private func flatParameters() -> [Tensor] {
        groups.flatMap(\.parameters)
    }

    /// torch.optim.SGD's constructor checks, repeated before each step because groups are
    /// mutable.
    private func validate() throws {
        for (index, group) in groups.enumerated() {
            let problem: String? =
                if group.learningRate < 0 {
                    "learning rate \(group.learningRate) is negative"
                } else if group.momentum < 0 {
                    "momentum \(group.momentum) is negative"
                } else if group.weightDecay < 0 {
                    "weight decay \(group.weightDecay) is negative"
                } else if group.nesterov && (group.momentum <= 0 || group.dampening != 0) {
                    "Nesterov momentum needs momentum > 0 and dampening 0"
                } else {
                    nil
                }
            if let problem {
                throw TorchError(operation: "SGD", message: "group \(index): \(problem)")
            }
        }
    }
}
