import Foundation
import MaskFaceCore
import MaskFaceData
import MaskFaceTraining
import Synchronization

/// Times our training iterations through the public `Trainer`, the same code path as
/// `maskface train`: mosaic augmentation, warm-up schedule, loss, backward, clipped SGD
/// step and EMA update, with the loader's waits inside each iteration.
///
/// The run is stopped after `iterations` batches, before validation, because the reference
/// side stops there too; the stop writes a `last` checkpoint, after the timed batches.
struct OurTraining {
    let settings: BenchmarkSettings
    let hyperparameters: String

    /// Seconds per iteration, in order, for one model, size and thread count.
    func iterationSeconds(_ configuration: BenchmarkSettings.Configuration, threads: Int)
        throws -> [Double]
    {
        var options = TrainingOptions(data: settings.data)
        options.modelConfig = configuration.model
        options.imageSize = configuration.imageSize
        options.epochs = 1
        options.batchSize = settings.batchSize
        options.hyperparameters = hyperparameters
        options.workers = settings.workers
        options.threads = threads
        options.fraction = try trainFraction()
        options.project = settings.work + "/ours"
        options.name = "\(configuration.model)-\(configuration.imageSize)-t\(threads)"

        let stop = StopFlag()
        var seconds: [Double] = []
        let iterations = settings.iterations
        let batchSize = Double(settings.batchSize)
        let trainer = try Trainer(options: options, observe: { event in
            // The trainer's own clock: from the end of the previous iteration (or the
            // start of the epoch's batch stream) to the end of this one.
            guard case .batch(let progress) = event else { return }
            seconds.append(batchSize / progress.imagesPerSecond)
            if progress.batch + 1 >= iterations { stop.raise() }
        }, shouldStop: { stop.isRaised })
        _ = try trainer.run()
        guard seconds.count >= iterations else {
            throw BenchmarkFailure("our run of \(configuration) ended after \(seconds.count) "
                                   + "of \(iterations) iterations; is the train split large "
                                   + "enough for --iterations x --batch?")
        }
        return seconds
    }

    /// The share of the train split that makes exactly `iterations` full batches, so both
    /// sides train on the same first images of the split.
    func trainFraction() throws -> Double {
        let count = try DatasetFolder(settings.data).imageNames(inSplit: "train").count
        let needed = settings.iterations * settings.batchSize
        guard count >= needed else {
            throw BenchmarkFailure("the train split of \(settings.data) has \(count) images; "
                                   + "\(settings.iterations) iterations of \(settings.batchSize) "
                                   + "need \(needed)")
        }
        return Double(needed) / Double(count)
    }
}

/// Raised by the observer, polled by the trainer after every batch. `Trainer` wants a
/// `@Sendable` stop check, hence an atomic rather than a captured variable.
final class StopFlag: Sendable {
    private let raised = Atomic(false)

    func raise() { raised.store(true, ordering: .relaxed) }

    var isRaised: Bool { raised.load(ordering: .relaxed) }
}
