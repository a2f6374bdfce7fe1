import Foundation
import MaskFaceCore
import PyTorchArchive
import Torch

/// A model rebuilt from a weights file, with what the file says about it.
public struct LoadedModel {
    public let model: DetectionModel
    /// Class names by id, from the file (a plain state dict has none: `class0`, ...).
    public let classNames: [String]
    /// Image size the weights were trained at, when the file records it.
    public let imageSize: Int?
    public let kind: WeightsFile
    /// Which weights were taken: `ema` or `model`.
    public let weightsSource: String
    /// The whole checkpoint (training state included) when `kind` is `.checkpoint`.
    public let checkpoint: ModelCheckpoint?
}

extension DetectionModel {
    /// Builds a model from a weights file: an ultralytics `.pt`, a MaskFace checkpoint, or
    /// a plain safetensors state dict (which carries no architecture, so `config` must say
    /// which model it is). EMA weights are taken when the file has them, as YOLOv5 does.
    ///
    /// The model is in eval mode and unfused; call `fused()` for fast inference.
    public static func load(_ path: String, config: ModelConfig? = nil) throws -> LoadedModel {
        switch try WeightsFile.kind(of: path) {
        case .ultralytics:
            return try loadUltralytics(path)
        case .checkpoint:
            return try loadCheckpoint(path)
        case .stateDict:
            // Read first, so a damaged file is reported as such.
            let contents = try WeightsFile.readSafeTensors(path)
            guard let config else {
                throw ModelWeightsError(path: path, problem: "a plain state dict does not "
                                        + "say which model it holds; give the model file")
            }
            let model = try DetectionModel(config: config)
            try model.loadWeights(contents.tensors, path: path, fileKind: "state dict")
            model.eval()
            let names = (0..<config.classCount).map { "class\($0)" }
            return LoadedModel(model: model, classNames: names, imageSize: nil,
                               kind: .stateDict, weightsSource: "model", checkpoint: nil)
        }
    }

    private static func loadCheckpoint(_ path: String) throws -> LoadedModel {
        let checkpoint = try ModelCheckpoint.read(from: path)
        let config = try ModelConfig.parse(yaml: checkpoint.modelYAML,
                                           file: "\(path) (model_yaml)",
                                           classCount: checkpoint.classNames.count)
        let model = try DetectionModel(config: config)
        try model.loadWeights(checkpoint.ema ?? checkpoint.model, path: path,
                              fileKind: "checkpoint")
        model.eval()
        return LoadedModel(model: model, classNames: checkpoint.classNames,
                           imageSize: checkpoint.imageSize, kind: .checkpoint,
                           weightsSource: checkpoint.ema == nil ? "model" : "ema",
                           checkpoint: checkpoint)
    }

    private static func loadUltralytics(_ path: String) throws -> LoadedModel {
        let checkpoint = try YOLOv5Checkpoint.load(path: path)
        let model = try DetectionModel(config: try UltralyticsImport.config(of: checkpoint))
        try model.loadWeights(try UltralyticsImport.stateDict(of: checkpoint), path: path,
                              fileKind: "checkpoint")
        model.eval()
        let imageSize = checkpoint.trainingOptions?["imgsz"]?.int
        let names = UltralyticsImport.classNames(of: checkpoint)
        return LoadedModel(model: model, classNames: names, imageSize: imageSize,
                           kind: .ultralytics, weightsSource: checkpoint.modelSource.rawValue,
                           checkpoint: nil)
    }

    /// Copies the weights of any supported file into this model (for a MaskFace
    /// checkpoint, its EMA weights when present). Refuses, naming the file and what
    /// differs, weights for another class count or architecture.
    public func loadWeights(from path: String) throws {
        switch try WeightsFile.kind(of: path) {
        case .ultralytics:
            let checkpoint = try YOLOv5Checkpoint.load(path: path)
            try loadWeights(try UltralyticsImport.stateDict(of: checkpoint), path: path,
                            fileKind: "checkpoint")
        case .checkpoint:
            let checkpoint = try ModelCheckpoint.read(from: path)
            try loadWeights(checkpoint.ema ?? checkpoint.model, path: path,
                            fileKind: "checkpoint")
        case .stateDict:
            let contents = try WeightsFile.readSafeTensors(path)
            try loadWeights(contents.tensors, path: path, fileKind: "state dict")
        }
    }

    /// Copies `state` (YOLOv5 names, any float dtype) into this model after checking that
    /// it fits. Unfused weights load into a fused model by fusing them first.
    public func loadWeights(_ state: NamedTensors, path: String, fileKind: String) throws {
        let holdsBatchNorm = state.names.contains { $0.hasSuffix(".bn.weight") }
        if isFused && holdsBatchNorm {
            let unfused = try DetectionModel(config: config)
            try unfused.loadWeights(state, path: path, fileKind: fileKind)
            return try loadStateDict(try unfused.fusedStateDict())
        }
        try StateDictCompatibility(model: self, fileKind: fileKind).check(state, path: path)
        try loadStateDict(state)
    }

    /// Writes the state dict as a plain safetensors file (YOLOv5 names, float32 and int64),
    /// atomically.
    /// - Parameter half: store floating-point tensors as float16, as YOLOv5 strips its
    ///   checkpoints for deployment (half the size; loading converts back to float32).
    public func saveStateDict(to path: String, half: Bool = false) throws {
        var state = stateDict()
        if half {
            state = NamedTensors(try state.map { name, tensor in
                (name, tensor.dtype.isFloatingPoint ? try tensor.to(dtype: .float16) : tensor)
            })
        }
        do {
            try SafeTensors.write(state, to: URL(fileURLWithPath: path))
        } catch let error as SafeTensorsError {
            throw ModelWeightsError(path: path, problem: error.problem)
        }
    }

    /// A checkpoint of this model's current weights; the trainer adds EMA, optimizer and
    /// training entries before writing it.
    public func checkpoint(classNames: [String], imageSize: Int) -> ModelCheckpoint {
        ModelCheckpoint(model: stateDict(), modelYAML: config.yamlText,
                        classNames: classNames, imageSize: imageSize)
    }

    /// Writes this model as a MaskFace checkpoint, atomically.
    public func save(to path: String, classNames: [String], imageSize: Int) throws {
        guard !isFused else {
            throw ModelWeightsError(path: path, problem: "a fused model is for inference; "
                                    + "save the unfused model it was made from")
        }
        guard classNames.count == classCount else {
            throw ModelWeightsError(path: path, problem: "\(classNames.count) class names "
                                    + "for a model with nc=\(classCount)")
        }
        try checkpoint(classNames: classNames, imageSize: imageSize).write(to: path)
    }
}
