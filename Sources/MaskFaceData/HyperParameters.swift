import MaskFaceCore

/// Training hyperparameters in YOLOv5's hyp YAML schema (`configs/hyps/scratch-low.yaml`):
/// optimiser and schedule, loss gains, and the online augmentation the loader applies.
///
/// Every key of the schema must be present and hold a number in its range; an unknown key
/// is an error too, so a typo never falls back to a default. Errors name the file, line
/// and column (`YAMLError`).
public struct HyperParameters: Sendable, Equatable {
    // Optimiser and schedule.
    public var initialLearningRate = 0.01
    /// Final learning rate as a fraction of the initial one.
    public var finalLearningRateFraction = 0.01
    public var momentum = 0.937
    public var weightDecay = 0.0005
    public var warmupEpochs = 3.0
    public var warmupMomentum = 0.8
    public var warmupBiasLearningRate = 0.1

    // Loss.
    public var boxLossGain = 0.05
    public var classLossGain = 0.5
    public var classPositiveWeight = 1.0
    public var objectLossGain = 1.0
    public var objectPositiveWeight = 1.0
    public var iouThreshold = 0.2
    /// Largest anchor-to-target size ratio that still matches.
    public var anchorThreshold = 4.0
    public var focalLossGamma = 0.0

    // Online augmentation (fractions unless noted).
    public var hueGain = 0.015
    public var saturationGain = 0.7
    public var valueGain = 0.4
    public var rotationDegrees = 0.0
    /// Translation, +/- fraction of the output size.
    public var translation = 0.1
    /// Scale gain: scales are drawn from 1 - scale ... 1 + scale.
    public var scale = 0.5
    public var shearDegrees = 0.0
    public var perspective = 0.0
    public var flipUpDownProbability = 0.0
    public var flipLeftRightProbability = 0.5
    public var mosaicProbability = 1.0
    public var mixupProbability = 0.0
    public var copyPasteProbability = 0.0

    /// YOLOv5's `hyp.scratch-low.yaml` values.
    public init() {}

    /// The YAML key, the property and the allowed values of every hyperparameter.
    /// (Computed: key paths are not `Sendable`, so it cannot be a stored static.)
    static var schema: [(key: String, path: WritableKeyPath<HyperParameters, Double>,
                         range: ClosedRange<Double>)] {
        [
            ("lr0", \.initialLearningRate, 0...10), ("lrf", \.finalLearningRateFraction, 0...1),
            ("momentum", \.momentum, 0...1), ("weight_decay", \.weightDecay, 0...1),
            ("warmup_epochs", \.warmupEpochs, 0...1000),
            ("warmup_momentum", \.warmupMomentum, 0...1),
            ("warmup_bias_lr", \.warmupBiasLearningRate, 0...10),
            ("box", \.boxLossGain, 0...1000), ("cls", \.classLossGain, 0...1000),
            ("cls_pw", \.classPositiveWeight, 0...1000), ("obj", \.objectLossGain, 0...1000),
            ("obj_pw", \.objectPositiveWeight, 0...1000), ("iou_t", \.iouThreshold, 0...1),
            ("anchor_t", \.anchorThreshold, 1...100), ("fl_gamma", \.focalLossGamma, 0...10),
            ("hsv_h", \.hueGain, 0...1), ("hsv_s", \.saturationGain, 0...1),
            ("hsv_v", \.valueGain, 0...1), ("degrees", \.rotationDegrees, 0...180),
            ("translate", \.translation, 0...0.9), ("scale", \.scale, 0...0.9),
            ("shear", \.shearDegrees, 0...45), ("perspective", \.perspective, 0...0.001),
            ("flipud", \.flipUpDownProbability, 0...1),
            ("fliplr", \.flipLeftRightProbability, 0...1),
            ("mosaic", \.mosaicProbability, 0...1), ("mixup", \.mixupProbability, 0...1),
            ("copy_paste", \.copyPasteProbability, 0...1),
        ]
    }

    /// Reads a hyp YAML file.
    /// - Throws: `YAMLError` with file:line:column for a malformed file, a missing or
    ///   unknown key, or a value that is not a number in its range.
    public static func read(contentsOf path: String) throws -> HyperParameters {
        try parse(YAMLReader.read(contentsOf: path), file: path)
    }

    /// Reads hyperparameters from YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws -> HyperParameters {
        try parse(YAMLReader.parse(text, file: file), file: file)
    }

    static func parse(_ root: YAMLNode, file: String) throws -> HyperParameters {
        guard let entries = root.entries else {
            throw YAMLError(file: file, mark: root.mark,
                            problem: "expected a mapping of hyperparameters, found a "
                                + root.kindName)
        }
        var parameters = HyperParameters()
        let known = Set(schema.map(\.key))
        if let unknown = entries.first(where: { !known.contains($0.key) }) {
            throw YAMLError(file: file, mark: unknown.value.mark,
                            problem: "unknown hyperparameter '\(unknown.key)'")
        }
        for (key, path, range) in schema {
            guard let node = root[key] else {
                throw YAMLError(file: file, mark: nil, problem: "missing hyperparameter '\(key)'")
            }
            guard let value = node.double, value.isFinite else {
                throw YAMLError(file: file, mark: node.mark, problem: "'\(key)' must be a "
                                + "number, found '\(node.string ?? node.kindName)'")
            }
            guard range.contains(value) else {
                throw YAMLError(file: file, mark: node.mark, problem: "'\(key)' is \(value), "
                                + "outside \(range.lowerBound)...\(range.upperBound)")
            }
            parameters[keyPath: path] = value
        }
        return parameters
    }
}
