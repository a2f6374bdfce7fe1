import Foundation

/// What one benchmark run measures, from the command line.
///
/// The defaults reproduce the reference's own measurement (fixtures README, section 8):
/// batch 16, 20 iterations over the first 320 images of the train split, the first 3
/// iterations skipped, 2 loader workers, 2 threads.
struct BenchmarkSettings {
    struct Configuration: CustomStringConvertible {
        var model: String
        var imageSize: Int
        var description: String { "\(model):\(imageSize)" }
    }

    /// A MaskFace dataset folder with a train split (`maskface dataset import` + `split`).
    var data = "/tmp/bench-data/kaggle"
    /// Run folders of both sides and the reference's data.yaml go here; emptied first.
    var work = "/tmp/maskface-training-bench"
    var python: String? = NSHomeDirectory() + "/.cache/maskface-reference/bin/python"
    var configurations = [
        Configuration(model: "yolov5n", imageSize: 320),
        Configuration(model: "yolov5n", imageSize: 640),
        Configuration(model: "yolov5s", imageSize: 320),
    ]
    var threads = [2, 1]
    var batchSize = 16
    var iterations = 20
    /// Leading iterations left out of the median: worker start-up and first-touch
    /// allocations, as the reference measurement skipped them.
    var skipped = 3
    var workers = 2
    /// Image size of the loader-only measurement (it is compared with training there).
    var loaderImageSize = 640
    /// Epochs the loader-only measurement reads (each one a fresh stream of batches).
    var loaderEpochs = 3
    /// OpenCV's own thread count for our side; nil leaves OpenCV's default, which is what
    /// `maskface train` runs with. (YOLOv5 sets 0, serial, in its loader.)
    var openCVThreads: Int?
    /// Skip the training comparison and measure only the loader.
    var loaderOnly = false
    /// Instead of everything else, time the steps of an iteration on one saved batch.
    var breakdown = false

    init(_ arguments: [String]) throws {
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            switch flag {
            case "--no-reference": python = nil; continue
            case "--loader-only": loaderOnly = true; continue
            case "--breakdown": breakdown = true; continue
            default: break
            }
            guard let value = remaining.popFirst() else {
                throw BenchmarkFailure("\(flag) needs a value\n\(Self.usage)")
            }
            try apply(flag, value)
        }
        guard skipped < iterations, !threads.isEmpty, !configurations.isEmpty else {
            throw BenchmarkFailure("need --skip below --iterations, at least one thread count "
                                   + "and one configuration")
        }
    }

    private mutating func apply(_ flag: String, _ value: String) throws {
        let number = Int(value)
        switch (flag, number) {
        case ("--data", _): data = value
        case ("--work", _): work = value
        case ("--python", _): python = value
        case ("--configs", _): configurations = try Self.configurations(value)
        case ("--threads", _): threads = value.split(separator: ",").compactMap { Int($0) }
        case ("--batch", let number?): batchSize = number
        case ("--iterations", let number?): iterations = number
        case ("--skip", let number?): skipped = number
        case ("--workers", let number?): workers = number
        case ("--loader-img", let number?): loaderImageSize = number
        case ("--loader-epochs", let number?): loaderEpochs = number
        case ("--opencv-threads", let number?): openCVThreads = number
        default: throw BenchmarkFailure("cannot use \(flag) \(value)\n\(Self.usage)")
        }
    }

    /// `yolov5n:320,yolov5s:320` into configurations.
    private static func configurations(_ value: String) throws -> [Configuration] {
        try value.split(separator: ",").map { item in
            let parts = item.split(separator: ":")
            guard parts.count == 2, let size = Int(parts[1]) else {
                throw BenchmarkFailure("--configs wants MODEL:SIZE items, got '\(item)'")
            }
            return Configuration(model: String(parts[0]), imageSize: size)
        }
    }

    static let usage = """
        usage: TrainingBenchmarks [--data DATASET] [--work DIR] [--python PATH | --no-reference]
                                  [--configs yolov5n:320,yolov5n:640,yolov5s:320] \
        [--threads 2,1]
                                  [--batch 16] [--iterations 20] [--skip 3] [--workers 2]
                                  [--loader-img 640] [--loader-epochs 3] [--loader-only]
                                  [--opencv-threads N] [--breakdown]
        """
}

/// A problem that ends the benchmark, with what to do about it.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
