import Foundation

/// The timed iterations of one training measurement: all but the first `skipped`.
///
/// Images/s is batch / median iteration time, as the reference's figures are; the mean is
/// printed beside it because 2-thread OpenMP stalls on this kind of machine show up in the
/// mean and the slowest iteration long before they move the median.
struct IterationTimes {
    let seconds: [Double]
    let batchSize: Int

    init(_ all: [Double], skipped: Int, iterations: Int, batchSize: Int) {
        seconds = Array(all.prefix(iterations).dropFirst(skipped))
        self.batchSize = batchSize
    }

    var median: Double { TrainingBenchmarks.median(seconds) }

    var mean: Double {
        seconds.isEmpty ? .nan : seconds.reduce(0, +) / Double(seconds.count)
    }

    var slowest: Double { seconds.max() ?? .nan }

    var imagesPerSecond: Double { Double(batchSize) / median }
}

/// The machine's load averages (1, 5, 15 minutes) from /proc/loadavg, as printed text;
/// other processes on a 2-core machine change every figure here.
func loadAverages() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else {
        return "?"
    }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}
