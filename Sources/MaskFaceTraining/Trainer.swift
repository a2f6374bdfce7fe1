import Foundation
import MaskFaceCore
import MaskFaceData
import Torch
import YOLO
import YOLOTraining

/// Trains a YOLOv5 detector with YOLOv5's recipe and leaves a run folder behind.
///
/// Each epoch: warm-up and learning-rate schedule, forward, loss, backward, an optimizer
/// step every `accumulate` batches (gradients clipped to norm 10) followed by an EMA
/// update, then validation of the EMA weights, `results.csv`, and `last`/`best`
/// checkpoints written atomically. Progress goes to `observe`; `shouldStop` is polled after
/// every batch, and a stop saves `last` so that `resume` continues from that very batch.
public final class Trainer {
    public typealias Observer = (TrainingEvent) -> Void

    let setup: TrainingSetup
    public let runFolder: RunFolder
    var progress: TrainingProgress
    var results: [EpochResult]
    let resumedFrom: String?
    let observe: Observer
    let shouldStop: @Sendable () -> Bool

    /// A new run in a new folder under `options.project`.
    /// - Parameter runFolder: where to write instead of a new folder under the project.
    public convenience init(options: TrainingOptions, runFolder: RunFolder? = nil,
                            observe: @escaping Observer = { _ in },
                            shouldStop: @escaping @Sendable () -> Bool = { false }) throws {
        let setup = try TrainingSetup(options: options)
        let folder = try runFolder
            ?? RunFolder.create(project: options.project, name: options.name)
        try self.init(setup: setup, runFolder: folder, progress: .initial, results: [],
                      resumedFrom: nil, observe: observe, shouldStop: shouldStop)
        try RunFiles.writeSettings(of: setup, to: folder)
    }

    /// Continues the run in `runFolder` from its `last` checkpoint: same options, model,
    /// optimizer, EMA, schedule position and epoch.
    public convenience init(resuming runFolder: RunFolder, observe: @escaping Observer = { _ in },
                            shouldStop: @escaping @Sendable () -> Bool = { false }) throws {
        let path = runFolder.lastWeights
        let checkpoint = try ModelCheckpoint.read(from: path)
        let (options, progress) = try TrainingMetadata.decode(checkpoint.training, path: path)
        let setup = try TrainingSetup(options: options)
        try setup.restore(from: checkpoint, progress: progress, path: path)
        let results = FileManager.default.fileExists(atPath: runFolder.resultsCSV)
            ? try ResultsFile.read(from: runFolder.resultsCSV) : []
        try self.init(setup: setup, runFolder: runFolder, progress: progress,
                      results: Array(results.prefix(progress.epoch)), resumedFrom: path,
                      observe: observe, shouldStop: shouldStop)
    }

    init(setup: TrainingSetup, runFolder: RunFolder, progress: TrainingProgress,
         results: [EpochResult], resumedFrom: String?, observe: @escaping Observer,
         shouldStop: @escaping @Sendable () -> Bool) throws {
        self.setup = setup
        self.runFolder = runFolder
        self.progress = progress
        self.results = results
        self.resumedFrom = resumedFrom
        self.observe = observe
        self.shouldStop = shouldStop
    }

    /// Trains until the last epoch, early stopping, or a stop request.
    public func run() throws -> TrainingOutcome {
        observe(.started(try summary()))
        let options = setup.options
        while progress.epoch < options.epochs {
            let epochStart = Date()
            guard try trainEpoch() else { return try finish(interrupted: true) }
            let isBest = try endEpoch()
            progress.trainingSeconds += Date().timeIntervalSince(epochStart)
            try saveCheckpoints(isBest: isBest)
            if let last = results.last {
                observe(.epochFinished(last, isBest: isBest,
                                       seconds: Date().timeIntervalSince(epochStart)))
            }
            if progress.epoch - 1 - progress.bestEpoch >= options.patience {
                observe(.stoppedEarly(epoch: progress.epoch - 1, bestEpoch: progress.bestEpoch))
                break
            }
        }
        return try finish(interrupted: false)
    }

    /// Trains the batches of the current epoch; false when stopped part-way.
    private func trainEpoch() throws -> Bool {
        let epoch = progress.epoch
        setup.model.train()
        let stream = setup.trainLoader.batches(epoch: epoch, imageSizes: batchSizes(epoch))
        defer { stream.close() }
        var batchIndex = 0
        var clock = Date()
        while let batch = try stream.next() {
            defer { batchIndex += 1 }
            if batchIndex < progress.nextBatch { continue }
            try trainBatch(batch, epoch: epoch, index: batchIndex)
            let seconds = Date().timeIntervalSince(clock)
            clock = Date()
            report(batch, index: batchIndex, seconds: seconds)
            if shouldStop() {
                try saveLast()
                observe(.interrupted(epoch: epoch))
                return false
            }
        }
        return true
    }

    /// One iteration: schedule, forward, loss, backward, and every `accumulate` batches
    /// a clipped optimizer step and an EMA update.
    private func trainBatch(_ batch: DetectionBatch, epoch: Int, index: Int) throws {
        let settings = setup.schedule.settings(epoch: epoch, batchIndex: index)
        try setup.optimizer.apply(settings)

        let output = try setup.model.forward(batch.imageTensor())
        let loss = try setup.loss(predictions: output.raw, targets: batch.targetTensor())
        try loss.total.backward()

        var gate = OptimizerStepGate(lastStep: progress.lastOptimizerStep)
        if gate.shouldStep(after: settings.iteration, accumulate: settings.accumulate) {
            _ = try GradientClipping.clip(setup.model.parameters())
            try setup.optimizer.step()
            try setup.optimizer.zeroGrad()
            try setup.ema.update(from: setup.model)
        }
        progress.lastOptimizerStep = gate.lastStep
        progress.emaUpdates = setup.ema.updates
        progress.nextBatch = index + 1
        for (part, value) in [loss.box, loss.objectness, loss.classification].enumerated() {
            progress.epochLossSums[part] += value
        }
    }

    /// Multi-scale: a random size in [0.5, 1.5] x img per batch, a multiple of 32, drawn
    /// from (seed, epoch, batch) so that a resumed run sees the same sizes.
    private func batchSizes(_ epoch: Int) -> (@Sendable (Int) -> Int)? {
        guard setup.options.multiScale else { return nil }
        let size = setup.options.imageSize
        let seed = setup.options.seed
        let stride = 32
        return { batch in
            var generator = SeededGenerator(
                seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(epoch) << 20 &+ UInt64(batch))
            let low = size / 2, high = size * 3 / 2 + stride
            let drawn = low + Int(generator.next() % UInt64(high - low))
            return max(drawn / stride * stride, stride)
        }
    }

    private func report(_ batch: DetectionBatch, index: Int, seconds: Double) {
        let done = Double(index + 1)
        observe(.batch(BatchProgress(
            epoch: progress.epoch, epochs: setup.options.epochs, batch: index,
            batchCount: setup.trainLoader.batchCount,
            meanLosses: progress.epochLossSums.map { $0 / done },
            instances: batch.labelCount, imageSize: batch.imageSize,
            imagesPerSecond: Double(batch.imageCount) / max(seconds, 1e-9))))
    }
}
