import Torch

/// One trainable tensor with what the optimizer split needs to know about it.
public struct NamedParameter {
    /// Dotted state-dict name, such as `model.0.bn.weight`.
    public var name: String
    public var tensor: Tensor
    /// Whether the tensor's owning module is a normalisation layer (BatchNorm). The model
    /// knows its module kinds; names alone do not say it reliably.
    public var belongsToNormalization: Bool

    public init(name: String, tensor: Tensor, belongsToNormalization: Bool) {
        self.name = name
        self.tensor = tensor
        self.belongsToNormalization = belongsToNormalization
    }

    /// The last component of the name (`weight`, `bias`, `anchors`, ...).
    public var leafName: String {
        name.split(separator: ".").last.map(String.init) ?? name
    }
}

/// YOLOv5's three SGD parameter groups (`smart_optimizer` in v7.0).
///
/// - group 0, `biases`: every parameter named `bias`; no weight decay; warm-up starts at
///   `warmupBiasLearningRate`.
/// - group 1, `decayedWeights`: everything else that is not a normalisation weight
///   (convolution weights); weight decay.
/// - group 2, `normalizationWeights`: `weight` of BatchNorm layers; no weight decay.
///
/// Order inside each group follows the input order (the model's module order).
public struct ParameterGroups {
    public var biases: [NamedParameter] = []
    public var decayedWeights: [NamedParameter] = []
    public var normalizationWeights: [NamedParameter] = []

    /// Splits parameters by leaf name and owning module kind.
    public static func split(namedParameters: [NamedParameter]) -> ParameterGroups {
        var groups = ParameterGroups()
        for parameter in namedParameters {
            if parameter.leafName == "bias" {
                groups.biases.append(parameter)
            } else if parameter.leafName == "weight" && parameter.belongsToNormalization {
                groups.normalizationWeights.append(parameter)
            } else {
                groups.decayedWeights.append(parameter)
            }
        }
        return groups
    }

    /// Splits a module tree's parameters; `BatchNorm2d` modules are the normalisation layers.
    public static func split(module: Module) -> ParameterGroups {
        var parameters: [NamedParameter] = []
        for (prefix, child) in module.namedModules() {
            let isNormalization = child is BatchNorm2d
            // A module's own parameters are the entries without a child prefix (names hold
            // no dots), listed before its children's.
            for (name, tensor) in child.namedParameters() where !name.contains(".") {
                let fullName = prefix.isEmpty ? name : "\(prefix).\(name)"
                parameters.append(
                    NamedParameter(
                        name: fullName, tensor: tensor, belongsToNormalization: isNormalization))
            }
        }
        return split(namedParameters: parameters)
    }

    /// The groups in YOLOv5's optimizer order: biases, decayed weights, normalisation
    /// weights.
    public var ordered: [[NamedParameter]] { [biases, decayedWeights, normalizationWeights] }

    /// Nesterov SGD over the three groups, with `schedule`'s initial rate and momentum and
    /// its scaled weight decay on group 1 only. The schedule overwrites rates and momentum
    /// every warm-up iteration (`SGD.apply(_:)`).
    public func makeOptimizer(schedule: TrainingSchedule) throws -> SGD {
        let decays = [0, schedule.scaledWeightDecay, 0]
        let groups = zip(ordered, decays).map { members, decay in
            SGD.ParameterGroup(
                parameters: members.map(\.tensor), learningRate: schedule.initialLearningRate,
                momentum: schedule.momentum, weightDecay: decay, nesterov: true)
        }
        return try SGD(groups: groups)
    }
}

extension SGD {
    /// Sets each group's learning rate and momentum for one iteration. Expects YOLOv5's
    /// three groups (see `ParameterGroups.makeOptimizer`).
    public func apply(_ settings: IterationSettings) throws {
        guard groups.count == settings.learningRates.count else {
            throw TrainingError.invalidArgument(
                "SGD has \(groups.count) parameter groups; the schedule sets "
                    + "\(settings.learningRates.count) (biases, weights, BatchNorm weights)")
        }
        for index in groups.indices {
            groups[index].learningRate = settings.learningRates[index]
            groups[index].momentum = settings.momentum
        }
    }
}
