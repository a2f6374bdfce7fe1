import Foundation
import MaskFaceCore

/// An ablation file (`experiments/*.yaml`): shared settings and the experiments that vary
/// cosine learning-rate decay, label smoothing and multi-scale training.
public struct AblationPlan: Sendable {
    /// One row of the table.
    public struct Experiment: Sendable, Equatable {
        public var number: Int
        public var name: String
        public var cosineLearningRate = false
        public var labelSmoothing = 0.0
        public var multiScale = false
    }

    public var name: String
    public var title: String
    public var file: String
    /// The settings every experiment shares; the flags above are set per experiment.
    public var shared: TrainingOptions
    public var experiments: [Experiment]

    /// Reads an ablation file; errors name the file, line and column of a bad value.
    public static func load(_ path: String) throws -> AblationPlan {
        let root = try YAMLReader.read(contentsOf: path)
        let fail = { (node: YAMLNode?, problem: String) in
            YAMLError(file: path, mark: node?.mark, problem: problem)
        }
        guard let name = root["name"]?.string, !name.isEmpty else {
            throw fail(root["name"], "missing 'name'")
        }
        guard let sharedNode = root["shared"], sharedNode.entries != nil else {
            throw fail(root["shared"], "missing 'shared' settings")
        }
        guard let rows = root["experiments"]?.items, !rows.isEmpty else {
            throw fail(root["experiments"], "'experiments' must be a non-empty list")
        }
        let shared = try sharedOptions(sharedNode, fail: fail)
        let experiments = try rows.map { try experiment($0, fail: fail) }
        let numbers = experiments.map(\.number)
        if Set(numbers).count != numbers.count {
            throw fail(root["experiments"], "experiment numbers repeat: \(numbers)")
        }
        return AblationPlan(name: name, title: root["title"]?.string ?? name, file: path,
                            shared: shared, experiments: experiments)
    }

    private static func sharedOptions(
        _ node: YAMLNode, fail: (YAMLNode?, String) -> YAMLError
    ) throws -> TrainingOptions {
        guard let data = node["data"]?.string else { throw fail(node, "shared: missing 'data'") }
        var options = TrainingOptions(data: data)
        options.modelConfig = node["model"]?.string ?? options.modelConfig
        options.epochs = try int(node["epochs"], "epochs", fail) ?? options.epochs
        options.imageSize = try int(node["img"], "img", fail) ?? options.imageSize
        options.batchSize = try int(node["batch"], "batch", fail) ?? options.batchSize
        options.hyperparameters = node["hyp"]?.string
        if let seed = node["seed"] {
            guard let value = seed.int, value >= 0 else {
                throw fail(seed, "shared: 'seed' must be a non-negative integer")
            }
            options.seed = UInt64(value)
        }
        options.workers = try int(node["workers"], "workers", fail) ?? options.workers
        return options
    }

    private static func experiment(
        _ node: YAMLNode, fail: (YAMLNode?, String) -> YAMLError
    ) throws -> Experiment {
        guard let number = node["exp"]?.int, let name = node["name"]?.string else {
            throw fail(node, "an experiment needs 'exp' (a number) and 'name'")
        }
        var experiment = Experiment(number: number, name: name)
        if let flag = node["cos_lr"] {
            guard let value = flag.bool else { throw fail(flag, "cos_lr must be true or false") }
            experiment.cosineLearningRate = value
        }
        if let flag = node["multi_scale"] {
            guard let value = flag.bool else {
                throw fail(flag, "multi_scale must be true or false")
            }
            experiment.multiScale = value
        }
        if let value = node["label_smoothing"] {
            guard let epsilon = value.double, epsilon >= 0, epsilon < 1 else {
                throw fail(value, "label_smoothing must be a number in [0, 1)")
            }
            experiment.labelSmoothing = epsilon
        }
        return experiment
    }

    private static func int(_ node: YAMLNode?, _ key: String,
                            _ fail: (YAMLNode?, String) -> YAMLError) throws -> Int? {
        guard let node else { return nil }
        guard let value = node.int, value > 0 else {
            throw fail(node, "shared: '\(key)' must be a positive integer")
        }
        return value
    }

    /// The training options of one experiment.
    public func options(for experiment: Experiment) -> TrainingOptions {
        var options = shared
        options.cosineLearningRate = experiment.cosineLearningRate
        options.labelSmoothing = experiment.labelSmoothing
        options.multiScale = experiment.multiScale
        options.name = "exp\(experiment.number)"
        return options
    }
}
