import Foundation
import MaskFaceCore
import Torch

/// MaskFace's own checkpoint: one safetensors file holding a model and, optionally, the
/// state a trainer needs to resume.
///
/// Layout (format version 1):
/// - tensors without a prefix: the model's state dict under YOLOv5's names
///   (`model.0.conv.weight`, ..., `model.24.anchors`), so any safetensors reader that
///   skips the prefixed groups sees a plain YOLOv5 state dict;
/// - `ema.<name>`: EMA weights, same names as the model's;
/// - `optimizer.<name>`: optimizer state such as momentum buffers, named by the trainer;
/// - `__metadata__`: `format`, `format_version`, `model_yaml` (the model file's text),
///   `class_names` (JSON list), `image_size` (pixels) and `training.<key>` entries, free
///   text (JSON by convention: epoch, best fitness, scheduler, arguments).
///
/// New kinds of training state fit in as another prefix or `training.` key, without a new
/// format version. Writing is atomic (temporary file, then rename), so a process killed
/// while saving leaves the previous file intact.
public struct ModelCheckpoint {
    public static let formatName = "maskface-yolov5"
    public static let formatVersion = 1
    static let emaPrefix = "ema."
    static let optimizerPrefix = "optimizer."
    static let trainingPrefix = "training."

    /// The model's state dict, YOLOv5 names.
    public var model: NamedTensors
    /// The model file (YAML) the weights belong to; `nc` in it is overridden by the
    /// number of class names when the model is rebuilt.
    public var modelYAML: String
    /// Class names by class id.
    public var classNames: [String]
    /// Training and inference image size in pixels (the longer side).
    public var imageSize: Int
    /// EMA weights, same names as `model`.
    public var ema: NamedTensors?
    /// Optimizer state, names chosen by the trainer.
    public var optimizer: NamedTensors?
    /// Free-form training metadata (JSON text by convention), e.g. `epoch`,
    /// `best_fitness`, `scheduler`, `arguments`.
    public var training: [String: String]

    public init(model: NamedTensors, modelYAML: String, classNames: [String],
                imageSize: Int, ema: NamedTensors? = nil, optimizer: NamedTensors? = nil,
                training: [String: String] = [:]) {
        self.model = model
        self.modelYAML = modelYAML
        self.classNames = classNames
        self.imageSize = imageSize
        self.ema = ema
        self.optimizer = optimizer
        self.training = training
    }

    /// Writes the file atomically.
    public func write(to path: String) throws {
        var tensors = model
        for (name, tensor) in ema ?? NamedTensors() {
            tensors[Self.emaPrefix + name] = tensor
        }
        for (name, tensor) in optimizer ?? NamedTensors() {
            tensors[Self.optimizerPrefix + name] = tensor
        }
        var metadata = [
            "format": Self.formatName, "format_version": String(Self.formatVersion),
            "model_yaml": modelYAML, "class_names": try Self.jsonList(classNames),
            "image_size": String(imageSize),
        ]
        for (key, value) in training {
            metadata[Self.trainingPrefix + key] = value
        }
        do {
            try SafeTensors.write(tensors, metadata: metadata, to: URL(fileURLWithPath: path))
        } catch let error as SafeTensorsError {
            throw ModelWeightsError(path: path, problem: error.problem)
        }
    }

    /// Reads a checkpoint; a truncated or corrupt file, or a safetensors file that is not
    /// a MaskFace checkpoint, is refused with one line naming it.
    public static func read(from path: String) throws -> ModelCheckpoint {
        let contents = try WeightsFile.readSafeTensors(path)
        guard contents.metadata["format"] == formatName else {
            throw ModelWeightsError(path: path, problem: "not a MaskFace checkpoint (no "
                                    + "'format: \(formatName)' in its metadata)")
        }
        return try ModelCheckpoint(contents: contents, path: path)
    }

    init(contents: SafeTensors.Contents, path: String) throws {
        let metadata = contents.metadata
        let fail = { (problem: String) in ModelWeightsError(path: path, problem: problem) }
        guard let version = metadata["format_version"].flatMap(Int.init),
              version <= Self.formatVersion
        else {
            throw fail("checkpoint format version \(metadata["format_version"] ?? "none") is "
                       + "not one this build reads (up to \(Self.formatVersion))")
        }
        guard let yaml = metadata["model_yaml"], !yaml.isEmpty else {
            throw fail("checkpoint metadata has no model_yaml")
        }
        guard let names = metadata["class_names"].flatMap(Self.parseJSONList), !names.isEmpty
        else {
            throw fail("checkpoint metadata has no class_names list")
        }
        guard let size = metadata["image_size"].flatMap(Int.init), size > 0 else {
            throw fail("checkpoint metadata has no positive image_size")
        }
        let groups = Self.split(contents.tensors)
        guard !groups.model.isEmpty else { throw fail("checkpoint holds no model weights") }
        self.init(model: groups.model, modelYAML: yaml, classNames: names, imageSize: size,
                  ema: groups.ema, optimizer: groups.optimizer,
                  training: Self.trainingEntries(metadata))
    }

    private static func split(_ tensors: NamedTensors)
        -> (model: NamedTensors, ema: NamedTensors?, optimizer: NamedTensors?)
    {
        var model = NamedTensors()
        var ema = NamedTensors()
        var optimizer = NamedTensors()
        for (name, tensor) in tensors {
            if name.hasPrefix(emaPrefix) {
                ema[String(name.dropFirst(emaPrefix.count))] = tensor
            } else if name.hasPrefix(optimizerPrefix) {
                optimizer[String(name.dropFirst(optimizerPrefix.count))] = tensor
            } else {
                model[name] = tensor
            }
        }
        return (model, ema.isEmpty ? nil : ema, optimizer.isEmpty ? nil : optimizer)
    }

    private static func trainingEntries(_ metadata: [String: String]) -> [String: String] {
        var entries: [String: String] = [:]
        for (key, value) in metadata where key.hasPrefix(trainingPrefix) {
            entries[String(key.dropFirst(trainingPrefix.count))] = value
        }
        return entries
    }

    static func jsonList(_ strings: [String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: strings), as: UTF8.self)
    }

    static func parseJSONList(_ text: String) -> [String]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String]
    }
}
