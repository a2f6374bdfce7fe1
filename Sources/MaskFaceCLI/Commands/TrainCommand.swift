import Foundation
import MaskFaceTraining

/// `maskface train`: YOLOv5's training recipe, flags named as `train.py` names them.
enum TrainCommand {
    static let spec = CommandSpec(
        ["train"], summary: "Train a YOLOv5n/s mask detector on a MaskFace dataset.",
        discussion: "Each run gets a folder (runs/train/NAME) with args.yaml, hyp.yaml, "
            + "results.csv, weights/last and weights/best, and plots. Ctrl-C stops after "
            + "saving last; --resume continues it.",
        options: [
            .value("data", "PATH", help: "The dataset's data.yaml (or its folder)."),
            .value("cfg", "MODEL", default: "yolov5n", help: "yolov5n, yolov5s or a model YAML."),
            .value("epochs", "E", default: "100", help: "Epochs to train."),
            .value("batch", "B", default: "16", help: "Images per batch."),
            .value("img", "S", default: "640", help: "Image size in pixels (multiple of 32)."),
            .value("hyp", "PATH", help: "Hyperparameter YAML (default: "
                   + "configs/hyps/scratch-low.yaml)."),
            .flag("cos-lr", help: "Cosine learning-rate decay instead of linear."),
            .value("label-smoothing", "EPS", default: "0.0", help: "Label smoothing epsilon."),
            .flag("multi-scale", help: "Train each batch at a random size in 0.5-1.5 x img."),
            .value("weights", "PATH", help: "Initial weights (.pt, .safetensors, checkpoint)."),
            .value("seed", "N", default: "0", help: "Random seed."),
            .value("workers", "N", default: "2", help: "Loader threads."),
            .value("threads", "N", help: "libtorch threads (default: the number of cores)."),
            .value("device", "DEV", default: "cpu", help: "cpu or cuda[:N]."),
            .value("project", "DIR", default: "runs/train", help: "Parent of run folders."),
            .value("name", "RUN", default: "exp", help: "Run folder name (a suffix is added "
                   + "when taken)."),
            .value("patience", "N", default: "100", help: "Epochs without improvement before "
                   + "stopping."),
            .value("fraction", "F", default: "1.0", help: "Fraction of the training split."),
            OptionSpec("resume", .optionalValue(name: "RUN"), help: "Resume RUN (a name under "
                       + "--project, a run folder or its last checkpoint; default: the latest)."),
        ]
    ) { arguments, context in
        let stop = StopSignal.install()
        defer { StopSignal.uninstall() }
        let renderer = TrainingRenderer(context: context)
        let trainer: Trainer
        if arguments.flag("resume") {
            let folder = try RunFolder.resumable(arguments.string("resume"),
                                                 project: arguments.string("project") ?? "")
            trainer = try Trainer(resuming: folder, observe: renderer.render, shouldStop: stop)
        } else {
            trainer = try Trainer(options: try options(from: arguments),
                                  observe: renderer.render, shouldStop: stop)
        }
        let outcome = try trainer.run()
        return outcome.wasInterrupted ? 130 : 0
    }

    static func options(from arguments: ParsedArguments) throws -> TrainingOptions {
        guard let data = arguments.string("data") else {
            throw UsageError(command: arguments.command, problem: "--data is required")
        }
        var options = TrainingOptions(data: data)
        options.modelConfig = arguments.string("cfg") ?? options.modelConfig
        options.epochs = try arguments.int("epochs") ?? options.epochs
        options.batchSize = try arguments.int("batch") ?? options.batchSize
        options.imageSize = try arguments.int("img") ?? options.imageSize
        options.hyperparameters = arguments.string("hyp")
        options.cosineLearningRate = arguments.flag("cos-lr")
        options.labelSmoothing = try arguments.double("label-smoothing") ?? 0
        options.multiScale = arguments.flag("multi-scale")
        options.weights = arguments.string("weights")
        options.seed = UInt64(max(try arguments.int("seed") ?? 0, 0))
        options.workers = try arguments.int("workers") ?? options.workers
        options.threads = try arguments.int("threads") ?? ProcessInfo.processInfo
            .activeProcessorCount
        options.device = try arguments.choice("device", from: ["cpu", "cuda", "cuda:0",
                                                               "cuda:1"]) ?? "cpu"
        options.project = arguments.string("project") ?? options.project
        options.name = arguments.string("name") ?? options.name
        options.patience = try arguments.int("patience") ?? options.patience
        options.fraction = try arguments.double("fraction") ?? 1
        return options
    }
}
