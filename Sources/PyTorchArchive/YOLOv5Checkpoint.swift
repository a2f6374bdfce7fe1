// A YOLOv5 training checkpoint (train.py's last.pt / best.pt) seen as weights and settings.

/// The model inside an ultralytics YOLOv5 `.pt` file: state dict and model attributes.
///
/// train.py saves a dict with `epoch`, `best_fitness`, `model`, `ema`, `updates`,
/// `optimizer`, `opt`, `git` and `date`; `model` and `ema` are pickled `DetectionModel`
/// objects. The EMA weights are what YOLOv5 evaluates and exports, so they are preferred;
/// stripped checkpoints (every released one, and best.pt after training) keep only `model`.
public struct YOLOv5Checkpoint: Sendable {
    /// Which entry of the checkpoint dict the weights came from.
    public enum ModelSource: String, Sendable {
        case ema, model
    }

    public let path: String
    public let modelSource: ModelSource
    /// The pickled class, `models.yolo.DetectionModel` (or `models.yolo.Model` before v7).
    public let modelType: PickleGlobal
    /// `model.state_dict()`: names such as `model.0.conv.weight`, in torch's order.
    public let stateDict: [(name: String, tensor: StoredTensor)]
    /// `nc`: number of classes.
    public let classCount: Int
    /// `names`: class id to name.
    public let classNames: [Int: String]
    /// `stride`: the head's strides in pixels per level, e.g. [8, 16, 32].
    public let stride: StoredTensor
    /// `yaml`: the model config (nc, depth_multiple, width_multiple, anchors, backbone, head).
    public let modelConfig: PickleDictionary
    /// `hyp`: training hyperparameters attached to the model, if any.
    public let hyperparameters: PickleDictionary?
    /// `epoch`: -1 in a stripped checkpoint.
    public let epoch: Int?
    /// `best_fitness` when it is a plain float (None in stripped checkpoints).
    public let bestFitness: Double?
    /// `opt`: train.py's arguments, if saved.
    public let trainingOptions: PickleDictionary?
    /// `updates`: EMA update count (None in stripped checkpoints).
    public let emaUpdates: Int?
    /// `date`: when train.py saved the file, ISO 8601.
    public let date: String?

    /// Element type of the first floating-point tensor: float16 in every train.py output.
    public var parameterDataType: TensorDataType? {
        stateDict.first { $0.tensor.dataType.isFloatingPoint }?.tensor.dataType
    }

    public func tensor(named name: String) -> StoredTensor? {
        stateDict.first { $0.name == name }?.tensor
    }

    /// Reads and checks a YOLOv5 checkpoint; every failure names `path`.
    public static func load(path: String) throws(CheckpointError) -> YOLOv5Checkpoint {
        try YOLOv5Checkpoint(path: path, root: TorchArchive.load(path: path))
    }

    /// Interprets an already unpickled checkpoint.
    public init(path: String, root: PickleValue) throws(CheckpointError) {
        self.path = path
        let checkpoint = try CheckpointDictionary(path: path, root: root)
        (modelSource, modelType) = (checkpoint.source, checkpoint.model.type)
        let attributes = try ModelAttributes(path: path, model: checkpoint.model)
        stateDict = try ModuleStateDict.entries(of: checkpoint.model, path: path)
        classCount = attributes.classCount
        classNames = attributes.classNames
        stride = attributes.stride
        modelConfig = attributes.config
        hyperparameters = checkpoint.model.attribute("hyp")?.dictionary
        epoch = checkpoint.entries["epoch"]?.int
        // A non-stripped checkpoint may hold a numpy float here, which stays a generic
        // object; decoding numpy.core.multiarray.scalar would recover it.
        bestFitness = checkpoint.entries["best_fitness"]?.double
        trainingOptions = checkpoint.entries["opt"]?.dictionary
        emaUpdates = checkpoint.entries["updates"]?.int
        date = checkpoint.entries["date"]?.string
    }
}

/// The top-level dict, checked for a usable model entry.
private struct CheckpointDictionary {
    static let modelTypes: Set<String> = ["models.yolo.DetectionModel", "models.yolo.Model"]

    let entries: PickleDictionary
    let source: YOLOv5Checkpoint.ModelSource
    let model: PickleObject

    init(path: String, root: PickleValue) throws(CheckpointError) {
        guard let entries = root.dictionary else {
            throw CheckpointError(path: path, problem: "holds a \(root.kindName), not a "
                + "YOLOv5 checkpoint dict with a 'model' entry")
        }
        self.entries = entries
        try CheckpointDictionary.refuseOtherDictionaries(entries, path: path)
        let ema = entries["ema"] ?? .none
        let chosen = ema.isNone ? entries["model"] ?? .none : ema
        source = ema.isNone ? .model : .ema
        guard !chosen.isNone else {
            throw CheckpointError(path: path, problem: "both 'model' and 'ema' are None; "
                + "the checkpoint holds no weights")
        }
        guard let model = chosen.object,
            CheckpointDictionary.modelTypes.contains("\(model.type)")
        else {
            throw CheckpointError(path: path, problem: "'\(source.rawValue)' is a "
                + "\(chosen.kindName), not a YOLOv5 DetectionModel")
        }
        self.model = model
    }

    /// Names what a dict without a model is, so the message says what went wrong.
    private static func refuseOtherDictionaries(
        _ entries: PickleDictionary, path: String
    ) throws(CheckpointError) {
        guard entries["model"] == nil && entries["ema"] == nil else { return }
        if entries["state"] != nil && entries["param_groups"] != nil {
            throw CheckpointError(path: path, problem: "optimizer state dict (torch.optim), "
                + "not a YOLOv5 checkpoint: it has no 'model' entry")
        }
        if entries.count > 0 && entries.entries.allSatisfy({ $0.value.tensor != nil }) {
            throw CheckpointError(path: path, problem: "bare state dict of \(entries.count) "
                + "tensors, not a YOLOv5 checkpoint: it has no 'model' entry")
        }
        let keys = entries.keys.prefix(6).map { $0.string ?? $0.kindName }
        throw CheckpointError(path: path, problem: "no 'model' or 'ema' entry, so not a "
            + "YOLOv5 checkpoint (keys: \(keys.joined(separator: ", ")))")
    }
}

/// The DetectionModel attributes the toolkit needs, each required.
private struct ModelAttributes {
    let classCount: Int
    let classNames: [Int: String]
    let stride: StoredTensor
    let config: PickleDictionary

    init(path: String, model: PickleObject) throws(CheckpointError) {
        func missing(_ name: String, _ expected: String) -> CheckpointError {
            CheckpointError(path: path, problem: "model attribute '\(name)' is missing or "
                + "not \(expected)")
        }
        guard let classCount = model.attribute("nc")?.int else { throw missing("nc", "an int") }
        guard let stride = model.attribute("stride")?.tensor else {
            throw missing("stride", "a tensor")
        }
        guard let config = model.attribute("yaml")?.dictionary else {
            throw missing("yaml", "a dict")
        }
        guard let names = model.attribute("names").flatMap(ModelAttributes.classNames) else {
            throw missing("names", "a dict or list of strings")
        }
        (self.classCount, self.stride, self.config, self.classNames) =
            (classCount, stride, config, names)
    }

    /// YOLOv5 v7 stores `{0: 'mask', ...}`; earlier versions a list of names.
    private static func classNames(_ value: PickleValue) -> [Int: String]? {
        if let list = value.elements {
            let names = list.compactMap(\.string)
            guard names.count == list.count else { return nil }
            return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0, $1) })
        }
        guard let dictionary = value.dictionary else { return nil }
        var names: [Int: String] = [:]
        for entry in dictionary.entries {
            guard let id = entry.key.int, let name = entry.value.string else { return nil }
            names[id] = name
        }
        return names
    }
}
