import Foundation
import MaskFaceData
import Torch
import YOLO
import YOLOTraining

extension Trainer {
    /// Validates the EMA weights, appends the epoch's row and plots; true for a new best.
    func endEpoch() throws -> Bool {
        let epoch = progress.epoch
        let learningRates = setup.optimizer.groups.map(\.learningRate)
        let validation = try validate(epoch: epoch)
        let batches = Double(max(setup.trainLoader.batchCount, 1))
        let means = progress.epochLossSums.map { $0 / batches }
        let metrics = validation.metrics
        results.append(EpochResult(
            epoch: epoch, trainBoxLoss: means[0], trainObjectnessLoss: means[1],
            trainClassLoss: means[2], precision: metrics.precision, recall: metrics.recall,
            mapAt50: metrics.mapAt50, mapAt50To95: metrics.mapAt50To95,
            valBoxLoss: validation.losses[0], valObjectnessLoss: validation.losses[1],
            valClassLoss: validation.losses[2], learningRates: learningRates))
        try ResultsFile.write(results, to: runFolder.resultsCSV)
        try TrainingPlots.results(results).write(to: "\(runFolder.path)/results.png")

        // YOLOv5's early stopping counts a tie as an improvement.
        let isBest = metrics.fitness >= progress.bestFitness
        if isBest {
            progress.bestFitness = metrics.fitness
            progress.bestEpoch = epoch
        }
        progress.epoch = epoch + 1
        progress.nextBatch = 0
        progress.epochLossSums = [0, 0, 0]
        return isBest
    }

    func validate(epoch: Int) throws -> ValidationResult {
        let count = setup.validationLoader.batchCount
        return try Validator(loss: setup.loss).run(
            model: setup.emaModel, loader: setup.validationLoader
        ) { done, _ in
            observe(.validating(epoch: epoch, batch: done, batchCount: count))
        }
    }

    func saveCheckpoints(isBest: Bool) throws {
        try saveLast()
        if isBest {
            try checkpoint().write(to: runFolder.bestWeights)
        }
    }

    /// `last`: model, EMA, optimizer and progress, written atomically.
    func saveLast() throws {
        try checkpoint().write(to: runFolder.lastWeights)
    }

    private func checkpoint() throws -> ModelCheckpoint {
        var checkpoint = setup.model.checkpoint(classNames: setup.classNames,
                                                imageSize: setup.options.imageSize)
        checkpoint.ema = setup.emaModel.stateDict()
        checkpoint.optimizer = try setup.optimizer.stateDict()
        checkpoint.training = try TrainingMetadata.encode(options: setup.options,
                                                          progress: progress)
        return checkpoint
    }

    /// Plots of the best weights on the validation split, and the outcome.
    func finish(interrupted: Bool) throws -> TrainingOutcome {
        if !interrupted, FileManager.default.fileExists(atPath: runFolder.bestWeights) {
            try setup.emaModel.loadWeights(from: runFolder.bestWeights)
            let validation = try validate(epoch: progress.bestEpoch)
            try RunFiles.writeFinalPlots(validation, classNames: setup.classNames,
                                         to: runFolder)
        }
        let outcome = TrainingOutcome(
            runFolder: runFolder.path, lastWeights: runFolder.lastWeights,
            bestWeights: runFolder.bestWeights, bestEpoch: progress.bestEpoch,
            bestFitness: progress.bestFitness, epochsCompleted: progress.epoch,
            trainingSeconds: progress.trainingSeconds, wasInterrupted: interrupted)
        observe(.finished(outcome))
        return outcome
    }

    func summary() throws -> TrainingSummary {
        let complexity = ModelComplexity(config: setup.model.config, fused: false)
        return TrainingSummary(
            runFolder: runFolder.path, modelName: setup.model.config.name,
            parameterCount: setup.model.parameterCount,
            gflops: try complexity.gflops(imageSize: setup.options.imageSize),
            trainImages: setup.trainLoader.samples.count,
            valImages: setup.validationLoader.samples.count, startEpoch: progress.epoch,
            epochs: setup.options.epochs, batchSize: setup.options.batchSize,
            imageSize: setup.options.imageSize, threads: setup.options.threads,
            workers: setup.options.workers, resumedFrom: resumedFrom)
    }
}

extension TrainingSetup {
    /// Puts a resumed run's model, EMA and optimizer back as `last` saved them.
    func restore(from checkpoint: ModelCheckpoint, progress: TrainingProgress,
                 path: String) throws {
        try model.loadWeights(checkpoint.model, path: path, fileKind: "checkpoint")
        guard let emaState = checkpoint.ema, let optimizerState = checkpoint.optimizer else {
            throw TrainingRunError(path: path, problem: "has no EMA or optimizer state to "
                                   + "resume from")
        }
        try emaModel.loadWeights(emaState, path: path, fileKind: "checkpoint EMA")
        ema.restore(updates: progress.emaUpdates)
        try optimizer.loadStateDict(optimizerState)
    }
}
