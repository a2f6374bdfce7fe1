/// Everything `maskface train` was asked to do, named as YOLOv5's `train.py` flags are.
public struct TrainingOptions: Sendable, Equatable, Codable {
    /// The dataset's `data.yaml` (or its folder).
    public var data: String
    /// A bundled model name (`yolov5n`, `yolov5s`) or a model YAML path.
    public var modelConfig: String = "yolov5n"
    public var epochs: Int = 100
    public var batchSize: Int = 16
    /// Training and validation image size in pixels (a multiple of 32).
    public var imageSize: Int = 640
    /// Hyperparameter YAML; nil uses `configs/hyps/scratch-low.yaml`.
    public var hyperparameters: String?
    public var cosineLearningRate = false
    public var labelSmoothing = 0.0
    /// Train each batch at a random size in [0.5, 1.5] x `imageSize`, a multiple of 32.
    public var multiScale = false
    /// Initial weights (`.pt`, `.safetensors`, a MaskFace checkpoint); nil starts from
    /// random initialisation.
    public var weights: String?
    public var seed: UInt64 = 0
    /// Loader threads decoding and augmenting images.
    public var workers: Int = 2
    /// libtorch intra-op threads (Debian's libtorch starts with one unless told).
    public var threads: Int = 2
    public var device: String = "cpu"
    /// Parent of run folders.
    public var project: String = "runs/train"
    /// Run folder name; an existing one gets a numeric suffix (`exp`, `exp2`, ...).
    public var name: String = "exp"
    /// Epochs without fitness improvement before stopping early.
    public var patience: Int = 100
    /// Fraction of the training split to use (1 = all), for quick budgets.
    public var fraction: Double = 1

    public init(data: String) {
        self.data = data
    }
}
