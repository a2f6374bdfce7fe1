import Foundation
import MaskFaceCore
import MaskFaceData
import Torch
import YOLO
import YOLOTraining

/// Everything a run trains with, built from the options: data, model, EMA, optimizer,
/// schedule, loss and loaders. Shared by a new run and a resumed one.
struct TrainingSetup {
    let options: TrainingOptions
    let dataset: DatasetFolder
    let classNames: [String]
    let hyperparameters: HyperParameters
    let hyperparametersPath: String
    let model: DetectionModel
    let ema: ModelEMA
    let emaModel: DetectionModel
    let optimizer: SGD
    let schedule: TrainingSchedule
    let loss: DetectionLoss
    let trainLoader: DetectionLoader
    let validationLoader: DetectionLoader

    init(options: TrainingOptions) throws {
        self.options = options
        try Self.check(options)
        try Torch.setThreadCount(options.threads)
        try Torch.manualSeed(options.seed)
        dataset = try DatasetFolder(Self.datasetFolder(options.data))
        classNames = ClassMapping.canonicalNames
        hyperparametersPath = options.hyperparameters
            ?? ConfigFolder.locate() + "/hyps/scratch-low.yaml"
        hyperparameters = try HyperParameters.read(contentsOf: hyperparametersPath)

        let config = try ModelConfig.load(options.modelConfig, classCount: classNames.count)
        model = try DetectionModel(config: config)
        if let weights = options.weights {
            try model.loadWeights(from: weights)
        }
        emaModel = try DetectionModel(config: config)
        ema = try ModelEMA(model: model, shadow: emaModel)

        let trainSamples = try Self.samples(dataset, split: "train", fraction: options.fraction)
        let validationSamples = try Self.samples(dataset, split: "val", fraction: 1)
        trainLoader = try DetectionLoader(
            samples: trainSamples,
            mode: .training(try OnlineAugmenter(hyperParameters: hyperparameters)),
            configuration: .init(batchSize: options.batchSize, imageSize: options.imageSize,
                                 workers: options.workers, seed: options.seed))
        validationLoader = try DetectionLoader(
            samples: validationSamples, mode: .validation,
            configuration: .init(batchSize: options.batchSize * 2, imageSize: options.imageSize,
                                 workers: options.workers, seed: options.seed))

        schedule = Self.schedule(options, hyperparameters: hyperparameters,
                                 batchesPerEpoch: trainLoader.batchCount)
        optimizer = try ParameterGroups.split(module: model).makeOptimizer(schedule: schedule)
        loss = try Self.loss(options, hyperparameters: hyperparameters, model: model,
                             classCount: classNames.count)
    }

    /// The folder of a dataset given as its `data.yaml` or its folder.
    static func datasetFolder(_ data: String) -> String {
        data.hasSuffix(".yaml") || data.hasSuffix(".yml")
            ? URL(fileURLWithPath: data).deletingLastPathComponent().path : data
    }

    private static func check(_ options: TrainingOptions) throws {
        let problems: [(Bool, String)] = [
            (options.epochs >= 1, "--epochs must be at least 1"),
            (options.batchSize >= 1, "--batch must be at least 1"),
            (options.imageSize >= 32 && options.imageSize % 32 == 0,
             "--img must be a multiple of 32 (the model's largest stride), got "
                + "\(options.imageSize)"),
            (options.labelSmoothing >= 0 && options.labelSmoothing < 1,
             "--label-smoothing must be in [0, 1)"),
            (options.fraction > 0 && options.fraction <= 1, "--fraction must be in (0, 1]"),
            (options.device == "cpu" || options.device.hasPrefix("cuda"),
             "--device must be cpu or cuda[:N]"),
        ]
        if let problem = problems.first(where: { !$0.0 }) {
            throw TrainingRunError(path: options.data, problem: problem.1)
        }
        if options.device != "cpu", !Torch.cudaIsAvailable {
            throw TrainingRunError(path: options.data, problem: "--device \(options.device): "
                                   + "this libtorch has no CUDA (see MASKFACE_LIBTORCH)")
        }
    }

    /// The split's samples, or its first `fraction` (at least one image).
    static func samples(_ dataset: DatasetFolder, split: String,
                                fraction: Double) throws -> DetectionSamples {
        guard dataset.hasSplit(split) else {
            throw TrainingRunError(path: dataset.splitListPath(split), problem: "no \(split) "
                                   + "split; run 'maskface dataset split \(dataset.path)'")
        }
        let all = try DetectionSamples(dataset: dataset, split: split)
        guard all.count > 0 else {
            throw TrainingRunError(path: dataset.splitListPath(split),
                                   problem: "the \(split) split is empty")
        }
        guard fraction < 1 else { return all }
        let kept = max(Int((Double(all.count) * fraction).rounded()), 1)
        return DetectionSamples((0..<kept).map { (all.imagePaths[$0], all.labels[$0]) })
    }

    private static func schedule(_ options: TrainingOptions, hyperparameters: HyperParameters,
                                 batchesPerEpoch: Int) -> TrainingSchedule {
        var schedule = TrainingSchedule(
            epochs: options.epochs, batchesPerEpoch: batchesPerEpoch,
            batchSize: options.batchSize, decay: options.cosineLearningRate ? .cosine : .linear)
        schedule.initialLearningRate = hyperparameters.initialLearningRate
        schedule.finalLearningRateFraction = hyperparameters.finalLearningRateFraction
        schedule.momentum = hyperparameters.momentum
        schedule.weightDecay = hyperparameters.weightDecay
        schedule.warmupEpochs = hyperparameters.warmupEpochs
        schedule.warmupMomentum = hyperparameters.warmupMomentum
        schedule.warmupBiasLearningRate = hyperparameters.warmupBiasLearningRate
        return schedule
    }

    private static func loss(_ options: TrainingOptions, hyperparameters: HyperParameters,
                             model: DetectionModel, classCount: Int) throws -> DetectionLoss {
        var gains = LossHyperparameters.scaledForTraining(
            box: hyperparameters.boxLossGain, objectness: hyperparameters.objectLossGain,
            classification: hyperparameters.classLossGain, classCount: classCount,
            imageSize: options.imageSize, levelCount: model.strides.count)
        gains.classPositiveWeight = hyperparameters.classPositiveWeight
        gains.objectnessPositiveWeight = hyperparameters.objectPositiveWeight
        gains.anchorRatioThreshold = hyperparameters.anchorThreshold
        gains.labelSmoothing = options.labelSmoothing
        return try DetectionLoss(classCount: classCount, anchors: model.head.anchors,
                                 hyperparameters: gains)
    }
}
