import Foundation
import MaskFaceCore
import MaskFaceData

/// How fast `DetectionLoader` delivers training batches when nothing else runs: decode,
/// mosaic, random perspective, HSV and flips on `workers` threads, batches taken as soon
/// as they are ready. Training can go no faster than this, so it must beat training's
/// own rate at the same size by a clear margin.
struct LoaderThroughput {
    let settings: BenchmarkSettings
    let hyperparameters: String

    struct Result {
        /// Images per second over the batches after the skipped ones, all epochs pooled.
        var imagesPerSecond: Double
        /// CPU time of the whole process (all loader threads, OpenCV's included) per image
        /// over the same batches; steadier than images/s when other work shares the cores.
        var cpuMillisecondsPerImage: Double
        var batches: Int
    }

    /// Reads `loaderEpochs` epochs of the same images our training side uses.
    func measure() throws -> Result {
        let dataset = try DatasetFolder(settings.data)
        let all = try DetectionSamples(dataset: dataset, split: "train")
        let kept = settings.iterations * settings.batchSize
        let samples = DetectionSamples(
            (0..<min(kept, all.count)).map { (all.imagePaths[$0], all.labels[$0]) })
        let augmenter = try OnlineAugmenter(
            hyperParameters: try HyperParameters.read(contentsOf: hyperparameters))
        let loader = try DetectionLoader(
            samples: samples, mode: .training(augmenter),
            configuration: .init(batchSize: settings.batchSize,
                                 imageSize: settings.loaderImageSize,
                                 workers: settings.workers, seed: 0))
        var images = 0
        var seconds = 0.0
        var cpuMilliseconds = 0.0
        var batches = 0
        for epoch in 0..<settings.loaderEpochs {
            let stream = loader.batches(epoch: epoch)
            defer { stream.close() }
            var clock = DispatchTime.now().uptimeNanoseconds
            var cpuClock = StepClock.processCPUMilliseconds()
            var index = 0
            while let batch = try stream.next() {
                let now = DispatchTime.now().uptimeNanoseconds
                let cpuNow = StepClock.processCPUMilliseconds()
                if index >= settings.skipped {
                    images += batch.imageCount
                    seconds += Double(now - clock) / 1e9
                    cpuMilliseconds += cpuNow - cpuClock
                    batches += 1
                }
                clock = now
                cpuClock = cpuNow
                index += 1
            }
        }
        // Two workers finish their batches at nearly the same moment, so single intervals
        // alternate between near zero and two batches' work; only the pooled rate means
        // anything, not a median interval.
        return Result(imagesPerSecond: Double(images) / max(seconds, 1e-9),
                      cpuMillisecondsPerImage: cpuMilliseconds / Double(max(images, 1)),
                      batches: batches)
    }
}
