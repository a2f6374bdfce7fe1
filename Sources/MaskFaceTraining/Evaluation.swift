import Foundation
import MaskFaceData
import Torch
import YOLO
import YOLOTraining

/// What `maskface val` was asked to do.
public struct EvaluationOptions: Sendable {
    public var weights: String
    public var data: String
    public var split = "val"
    public var imageSize = 640
    public var batchSize = 32
    public var confidenceThreshold = 0.001
    public var iouThreshold = 0.6
    public var workers = 2
    public var threads = 2

    public init(weights: String, data: String) {
        self.weights = weights
        self.data = data
    }
}

/// Evaluates saved weights on a dataset split, as YOLOv5's `val.py` does.
public enum Evaluation {
    /// Writes `confusion_matrix.png` and `PR_curve.png` of a validation into `folder`.
    public static func writePlots(_ result: ValidationResult, classNames: [String],
                                  to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder,
                                                withIntermediateDirectories: true)
        try TrainingPlots.confusionMatrix(result.confusionMatrix, classNames: classNames)
            .write(to: "\(folder)/confusion_matrix.png")
        try TrainingPlots.precisionRecall(
            RunFiles.precisionRecallCurves(result.metrics, classNames: classNames))
            .write(to: "\(folder)/PR_curve.png")
    }

    /// Returns the validation result and the class names of the dataset.
    /// - Throws: `TrainingRunError` naming the weights file when its classes do not match
    ///   the dataset's, and the split list when the split is missing or empty.
    public static func run(
        _ options: EvaluationOptions, progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> (result: ValidationResult, classNames: [String]) {
        try Torch.setThreadCount(options.threads)
        guard options.imageSize >= 32, options.imageSize % 32 == 0 else {
            throw TrainingRunError(path: options.weights, problem: "--img must be a multiple "
                                   + "of 32, got \(options.imageSize)")
        }
        let dataset = try DatasetFolder(TrainingSetup.datasetFolder(options.data))
        let classNames = ClassMapping.canonicalNames
        let loaded = try DetectionModel.load(options.weights)
        guard loaded.model.classCount == classNames.count else {
            throw TrainingRunError(
                path: options.weights,
                problem: "the weights detect \(loaded.model.classCount) classes "
                    + "(\(loaded.classNames.joined(separator: ", "))) but the dataset "
                    + "\(dataset.path) has \(classNames.count) "
                    + "(\(classNames.joined(separator: ", ")))")
        }
        let samples = try TrainingSetup.samples(dataset, split: options.split, fraction: 1)
        let loader = try DetectionLoader(
            samples: samples, mode: .validation,
            configuration: .init(batchSize: options.batchSize, imageSize: options.imageSize,
                                 workers: options.workers))
        var validator = Validator()
        validator.nonMaxSuppression = NonMaxSuppression(
            confidenceThreshold: options.confidenceThreshold,
            iouThreshold: options.iouThreshold, multiLabel: true, classAgnostic: false,
            maxDetections: 300)
        let model = try loaded.model.fused()
        return (try validator.run(model: model, loader: loader, progress: progress), classNames)
    }
}
