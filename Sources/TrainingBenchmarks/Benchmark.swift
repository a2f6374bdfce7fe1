import Foundation
import MaskFaceCore
import MaskFaceVision

/// One training comparison: a model, size and thread count on both sides.
struct TrainingRow {
    let configuration: BenchmarkSettings.Configuration
    let threads: Int
    let ours: IterationTimes
    let reference: IterationTimes?
    let referenceThreads: Int?
    /// 1-minute load average before the pair started.
    let load: String

    var ratio: Double? { reference.map { ours.imagesPerSecond / $0.imagesPerSecond } }
}

/// Runs every measurement and prints progress lines, then the summary tables.
struct Benchmark {
    let settings: BenchmarkSettings

    func run() throws {
        let startLoad = loadAverages()
        let started = Date()
        try? FileManager.default.removeItem(atPath: settings.work)
        try FileManager.default.createDirectory(atPath: settings.work,
                                                withIntermediateDirectories: true)
        if let count = settings.openCVThreads {
            try OpenCVLibrary.setThreadCount(count)
        }
        let hyperparameters = ConfigFolder.locate() + "/hyps/scratch-low.yaml"
        print("batch \(settings.batchSize), the first \(settings.iterations * settings.batchSize) "
              + "train images of \(settings.data), \(settings.workers) loader workers, hyp "
              + "\(hyperparameters), OpenCV threads "
              + (settings.openCVThreads.map(String.init) ?? "default"))
        print("load average at start: \(startLoad)")
        if settings.breakdown {
            try breakdown(hyperparameters)
            print("load average at end: \(loadAverages())")
            return
        }
        let rows = settings.loaderOnly ? [] : try trainingRows(hyperparameters)
        let loader = try LoaderThroughput(settings: settings, hyperparameters: hyperparameters)
            .measure()
        print(String(format: "loader: %.1f images/s, %.1f ms CPU per image at %d px over %d "
                     + "batches", loader.imagesPerSecond, loader.cpuMillisecondsPerImage,
                     settings.loaderImageSize, loader.batches))
        let endLoad = loadAverages()
        print("load average at end: \(endLoad); took \(Int(Date().timeIntervalSince(started))) s")
        print()
        print(Report.markdown(rows: rows, loader: loader, settings: settings,
                              loads: (startLoad, endLoad)))
    }

    /// Step times of one iteration on both sides, a table per configuration and thread
    /// count; median of 5 iterations after 2 warm-up ones.
    private func breakdown(_ hyperparameters: String) throws {
        let steps = StepBreakdown(settings: settings, hyperparameters: hyperparameters)
        for configuration in settings.configurations {
            let batch = try steps.saveBatch(imageSize: configuration.imageSize)
            for threads in settings.threads {
                let ours = try steps.ours(configuration.model, batch: batch, threads: threads,
                                          warmup: 2, timed: 5)
                let reference = try settings.python.map {
                    try steps.reference(configuration.model, imageSize: configuration.imageSize,
                                        threads: threads, warmup: 2, timed: 5, python: $0)
                }
                print("\n\(configuration), \(threads) threads, batch \(settings.batchSize) "
                      + "(\(batch.labelCount) labels), median ms of 5 iterations, load "
                      + (loadAverages().split(separator: " ").first.map(String.init) ?? "?"))
                print(StepBreakdown.table(ours: ours, reference: reference))
            }
        }
    }

    /// Every configuration at every thread count, printed as it completes.
    private func trainingRows(_ hyperparameters: String) throws -> [TrainingRow] {
        let ours = OurTraining(settings: settings, hyperparameters: hyperparameters)
        _ = try ours.trainFraction()
        let reference = settings.python.map {
            ReferenceTraining(settings: settings, python: $0, hyperparameters: hyperparameters)
        }
        try reference?.prepare()
        print("training: \(settings.iterations) iterations, first \(settings.skipped) "
              + "skipped; images/s = batch / median iteration time, loader waits included")
        var rows: [TrainingRow] = []
        for threads in settings.threads {
            for configuration in settings.configurations {
                let row = try measure(configuration, threads: threads, ours: ours,
                                      reference: reference, oursFirst: rows.count % 2 == 0)
                print(Report.progressLine(row))
                rows.append(row)
            }
        }
        return rows
    }

    /// Both sides, one after the other; the order alternates from row to row so that
    /// neither side always runs first on a machine whose load drifts.
    private func measure(_ configuration: BenchmarkSettings.Configuration, threads: Int,
                         ours: OurTraining, reference: ReferenceTraining?, oursFirst: Bool)
        throws -> TrainingRow
    {
        let load = loadAverages().split(separator: " ").first.map(String.init) ?? "?"
        var ourSeconds: [Double] = []
        var referenceResult: (seconds: [Double], torchThreads: Int)?
        for side in oursFirst ? [true, false] : [false, true] {
            if side {
                ourSeconds = try ours.iterationSeconds(configuration, threads: threads)
            } else if let reference {
                referenceResult = try reference.iterationSeconds(configuration, threads: threads)
            }
        }
        let times = { (seconds: [Double]) in
            IterationTimes(seconds, skipped: settings.skipped, iterations: settings.iterations,
                           batchSize: settings.batchSize)
        }
        return TrainingRow(configuration: configuration, threads: threads,
                           ours: times(ourSeconds), reference: referenceResult.map {
                               times($0.seconds)
                           }, referenceThreads: referenceResult?.torchThreads, load: load)
    }
}
