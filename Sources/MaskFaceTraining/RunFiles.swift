import Foundation
import MaskFaceData
import YOLOTraining

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
        try Evaluation.writePlots(validation, classNames: classNames, to: folder.path)
    }

    /// One curve per class (AP@0.5 in its label) and their mean, as YOLOv5 draws them.
    static func precisionRecallCurves(_ metrics: MetricsSummary, classNames: [String])
        -> [(label: String, recall: [Double], precision: [Double])]
    {
        let classes = metrics.classes.filter { !$0.precisionEnvelope.isEmpty }
        guard let pointCount = classes.first?.precisionEnvelope.count else { return [] }
        let recall = (0..<pointCount).map { Double($0) / Double(max(pointCount - 1, 1)) }
        var curves = classes.map { entry in
            let name = classNames.indices.contains(entry.classIndex)
                ? classNames[entry.classIndex] : "class\(entry.classIndex)"
            return (label: String(format: "%@ %.3f", name, entry.apAt50), recall: recall,
                    precision: entry.precisionEnvelope)
        }
        let mean = (0..<pointCount).map { index in
            classes.reduce(0) { $0 + $1.precisionEnvelope[index] } / Double(classes.count)
        }
        curves.append((label: String(format: "all %.3f", metrics.mapAt50),
                       recall: recall, precision: mean))
        return curves
    }
}
