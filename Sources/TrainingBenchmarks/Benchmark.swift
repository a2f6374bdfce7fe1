import Foundation
import MaskFaceCore

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
        let hyperparameters = ConfigFolder.locate() + "/hyps/scratch-low.yaml"
        let ours = OurTraining(settings: settings, hyperparameters: hyperparameters)
        _ = try ours.trainFraction()
        let reference = settings.python.map {
            ReferenceTraining(settings: settings, python: $0, hyperparameters: hyperparameters)
        }
        try reference?.prepare()
        print("training: batch \(settings.batchSize), \(settings.iterations) iterations on the "
              + "first \(settings.iterations * settings.batchSize) train images of "
              + "\(settings.data), first \(settings.skipped) skipped, \(settings.workers) "
              + "loader workers, hyp \(hyperparameters)")
        print("load average at start: \(startLoad)")

        var rows: [TrainingRow] = []
        for threads in settings.threads {
            for configuration in settings.configurations {
                let row = try measure(configuration, threads: threads, ours: ours,
                                      reference: reference, oursFirst: rows.count % 2 == 0)
                print(Report.progressLine(row))
                rows.append(row)
            }
        }
        let loader = try LoaderThroughput(settings: settings, hyperparameters: hyperparameters)
            .measure()
        print(String(format: "loader: %.1f images/s at %d px over %d batches",
                     loader.imagesPerSecond, settings.loaderImageSize, loader.batches))
        let endLoad = loadAverages()
        print("load average at end: \(endLoad); took \(Int(Date().timeIntervalSince(started))) s")
        print()
        print(Report.markdown(rows: rows, loader: loader, settings: settings,
                              loads: (startLoad, endLoad)))
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
