import MaskFaceCore
import Torch

/// A YOLOv5 detector built from a `ModelConfig`: the same code builds n, s and any other
/// model file in YOLOv5's schema.
///
/// Module tree and state-dict names are YOLOv5's (`model.0.conv.weight`, ...,
/// `model.24.anchors`, `model.24.m.2.bias`; 349 entries for n and s), so weights move
/// between this model, ultralytics `.pt` files and safetensors files by name.
///
/// Input: `[bs, 3, H, W]` float RGB in 0...1, H and W multiples of the largest stride (32).
/// Output: see `DetectionOutput`: raw head outputs in training mode, plus decoded boxes in
/// eval mode. A new model is in training mode, as a `Module` is.
public final class DetectionModel: Module {
    public let config: ModelConfig
    /// Whether Conv blocks carry their BatchNorm folded into the convolution.
    public let isFused: Bool
    /// Rows 0..<last of the model file; the detection head is `head`.
    public let featureLayers: [any FeatureLayer]
    public let head: Detect
    /// Layers whose outputs a later row reads through an absolute index.
    private let savedLayers: Set<Int>

    public var classCount: Int { config.classCount }
    /// Pixels per cell of each detection level.
    public var strides: [Int] { head.strides }

    /// Builds the model with fresh weights: PyTorch's default convolution initialisation,
    /// BatchNorm at eps 1e-3 and momentum 0.03, and YOLOv5's detection-bias prior.
    /// - Parameter fused: build Conv blocks without BatchNorm, their convolutions with a
    ///   bias (the layout `fused()` produces). Its weights start at zero: load fused
    ///   weights into it.
    public init(config: ModelConfig, fused: Bool = false) throws {
        guard let headPlan = config.layers.last,
              case let .detect(classCount, anchors, channels) = headPlan.arguments
        else {
            throw ModelBuildError(layer: config.layers.count - 1,
                                  problem: "the last row must be a Detect layer")
        }
        self.config = config
        isFused = fused
        featureLayers = try config.layers.dropLast().map {
            try LayerFactory.makeFeatureLayer($0, fused: fused)
        }
        head = try Detect(classCount: classCount, anchorPixels: anchors,
                          strides: try config.detectionStrides(), inputChannels: channels,
                          initialize: !fused)
        savedLayers = Set(config.savedOutputs)
        super.init()
        let sequence = try registerModule("model", Module())
        for (index, layer) in featureLayers.enumerated() {
            try sequence.registerModule(String(index), layer)
        }
        try sequence.registerModule(String(headPlan.index), head)
    }

    /// Loads a bundled model file (`yolov5n`, `yolov5s`) or a path, with `nc` replaced by
    /// the dataset's class count, and builds it.
    public convenience init(configNamed nameOrPath: String, classCount: Int,
                            configFolder: String? = nil) throws {
        try self.init(config: ModelConfig.load(nameOrPath, classCount: classCount,
                                               configFolder: configFolder))
    }

    /// Runs the model on `images` `[bs, 3, H, W]`.
    ///
    /// Training mode: raw outputs only, BatchNorm on batch statistics (and updating its
    /// running statistics). Eval mode: raw outputs and decoded boxes. Gradients are
    /// recorded unless the caller wraps the call in `Torch.withNoGrad`; `predict` does.
    ///
    /// Shortcoming: a training-mode forward at 640 px spends about 1.4x the reference's CPU
    /// time, in page faults (twice as many fresh pages as PyTorch for the same ATen ops);
    /// `MALLOC_MMAP_MAX_=0 MALLOC_TRIM_THRESHOLD_=68719476736` closes the gap (see
    /// benchmarks/README.md). Finding which allocations bypass the caching would fix it.
    public func forward(_ images: Tensor) throws -> DetectionOutput {
        var saved: [Int: Tensor] = [:]
        var previous = images
        for (index, layer) in featureLayers.enumerated() {
            let inputs = try resolve(config.layers[index], previous: previous, saved: saved)
            previous = try layer.forward(inputs)
            if savedLayers.contains(index) {
                saved[index] = previous
            }
        }
        let headPlan = config.layers[featureLayers.count]
        let features = try resolve(headPlan, previous: previous, saved: saved)
        return try head.forward(features)
    }

    /// Eval-mode inference without gradient recording: decoded boxes `[bs, rows, 5 + nc]`
    /// and raw outputs. Leaves the model in eval mode.
    ///
    /// Known shortcoming: this is no-grad mode, not libtorch's inference mode, which also
    /// skips view and version-counter bookkeeping on every operation (the reference times
    /// its forward under `torch.inference_mode()`). A `c10::InferenceMode` guard exposed by
    /// the shim would remove the difference.
    public func predict(_ images: Tensor) throws -> DetectionOutput {
        if isTraining {
            eval()
        }
        return try Torch.withNoGrad { try forward(images) }
    }

    /// The tensors a row reads, in the order its `from` list names them.
    private func resolve(_ plan: LayerPlan, previous: Tensor, saved: [Int: Tensor]) throws
        -> [Tensor]
    {
        try zip(plan.from, plan.sourceIndices).map { from, source in
            if from == -1 {
                return previous
            }
            guard let tensor = saved[source] else {
                throw ModelBuildError(layer: plan.index, problem: "reads layer \(source), "
                                      + "whose output was not kept")
            }
            return tensor
        }
    }

    /// Number of trainable values (weights, biases, BatchNorm scales and shifts).
    public var parameterCount: Int {
        namedParameters().reduce(0) { $0 + $1.tensor.elementCount }
    }
}
