import Foundation
import MaskFaceData

/// The files of a run folder besides checkpoints and results: settings and final plots.
enum RunFiles {
    /// `args.yaml` (the options as given) and `hyp.yaml` (a copy of the hyperparameters).
    static func writeSettings(of setup: TrainingSetup, to folder: RunFolder) throws {
        let options = setup.options
        let lines = [
            "data: \(options.data)", "cfg: \(options.modelConfig)", "epochs: \(options.epochs)",
            "batch_size: \(options.batchSize)", "imgsz: \(options.imageSize)",
            "hyp: \(setup.hyperparametersPath)", "cos_lr: \(options.cosineLearningRate)",
            "label_smoothing: \(options.labelSmoothing)", "multi_scale: \(options.multiScale)",
            "weights: \(options.weights ?? "''")", "seed: \(options.seed)",
            "workers: \(options.workers)", "threads: \(options.threads)",
            "device: \(options.device)", "patience: \(options.patience)",
            "fraction: \(options.fraction)", "project: \(options.project)",
            "name: \(options.name)",
        ]
        try (lines.joined(separator: "\n") + "\n")
            .write(toFile: folder.argumentsFile, atomically: true, encoding: .utf8)
        let hyperparameters = try String(contentsOfFile: setup.hyperparametersPath,
                                         encoding: .utf8)
        try hyperparameters.write(toFile: folder.hyperparametersFile, atomically: true,
                                  encoding: .utf8)
    }

    /// `confusion_matrix.png` and `PR_curve.png` from the best weights' validation.
    static func writeFinalPlots(_ validation: ValidationResult, classNames: [String],
                                to folder: RunFolder) throws {
        try TrainingPlots.confusionMatrix(validation.confusionMatrix, classNames: classNames)
            .write(to: "\(folder.path)/confusion_matrix.png")
    }
}
