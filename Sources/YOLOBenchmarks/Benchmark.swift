import Foundation
import Torch

/// Command-line settings of the benchmark.
struct BenchmarkOptions {
    var threads = [1, 2]
    var sizes = [640, 320, 160]
    var models = ["yolov5n", "yolov5s"]
    /// Timed calls per side and round.
    var timed = 5
    var warmup = 2
    /// Turns each side takes per configuration; all timed calls of a side are pooled. Short
    /// turns spread the machine's load changes evenly over both sides.
    var rounds = 8
    var reference: String? = FileManager.default.homeDirectoryForCurrentUser
        .appendingPathComponent(".cache/maskface-reference/bin/python").path

    static func parse(_ arguments: [String]) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        while let flag = remaining.popFirst() {
            if flag == "--no-reference" {
                options.reference = nil
                continue
            }
            guard let value = remaining.popFirst() else { usage("\(flag) needs a value") }
            let numbers = value.split(separator: ",").compactMap { Int($0) }
            switch flag {
            case "--threads": options.threads = numbers
            case "--sizes": options.sizes = numbers
            case "--models": options.models = value.split(separator: ",").map(String.init)
            case "--timed": options.timed = numbers.first ?? options.timed
            case "--warmup": options.warmup = numbers.first ?? options.warmup
            case "--rounds": options.rounds = numbers.first ?? options.rounds
            case "--reference": options.reference = value
            default: usage("unknown option \(flag)")
            }
        }
        return options
    }

    static func usage(_ problem: String) -> Never {
        FileHandle.standardError.write(Data("""
            error: \(problem)
            usage: YOLOBenchmarks [--threads 1,2] [--sizes 640,320,160] \
            [--models yolov5n,yolov5s] [--timed N] [--warmup N] [--rounds N] \
            [--reference PYTHON | --no-reference]

            """.utf8))
        exit(2)
    }
}

/// Runs every configuration on both sides and prints the table.
struct Benchmark {
    let options: BenchmarkOptions

    func run() throws {
        let ours = ForwardTimer()
        let reference = try options.reference.map { try ReferenceProcess(python: $0) }
        print("forward latency, fused, eval, batch 1, square input; "
              + "\(options.rounds) rounds x \(options.timed) timed calls per side "
              + "after \(options.warmup) warm-up calls each round")
        print("ours: MaskFace YOLO; reference: "
              + (reference.map { "ultralytics yolov5 on torch \($0.torchVersion)" } ?? "none")
              + "; thread counts set explicitly on both sides")
        print(Row.header)
        for model in options.models {
            for size in options.sizes {
                for threads in options.threads {
                    print(try measure(model: model, size: size, threads: threads, ours: ours,
                                      reference: reference).text)
                }
            }
        }
    }

    /// Both sides take `rounds` turns at one configuration.
    private func measure(model: String, size: Int, threads: Int, ours: ForwardTimer,
                         reference: ReferenceProcess?) throws -> Row {
        var ourTimes = Timings()
        var referenceTimes = Timings()
        for _ in 0..<options.rounds {
            ourTimes = ourTimes + (try ours.time(model: model, size: size, threads: threads,
                                                 warmup: options.warmup, timed: options.timed))
            if let reference {
                referenceTimes = referenceTimes + (try reference.time(
                    model: model, size: size, threads: threads, warmup: options.warmup,
                    timed: options.timed))
            }
        }
        return Row(model: model, size: size, threads: threads, ours: ourTimes,
                   reference: referenceTimes)
    }
}

/// One line of the results table: wall-clock median and mean, CPU-time median, per side.
struct Row {
    static let header = "model    size thr |   ours median    mean     cpu "
        + "|    ref median    mean     cpu | ours/ref median (cpu)"

    let model: String
    let size: Int
    let threads: Int
    let ours: Timings
    let reference: Timings

    var text: String {
        let ratio = reference.wall.isEmpty ? "-" : String(
            format: "%.2f (%.2f)", median(ours.wall) / median(reference.wall),
            median(ours.cpu) / median(reference.cpu))
        return String(format: "%-8@ %4d %3d | %8.1f ms %7.1f %7.1f | %8.1f ms %7.1f %7.1f | %@",
                      model as NSString, size, threads, median(ours.wall), mean(ours.wall),
                      median(ours.cpu), median(reference.wall), mean(reference.wall),
                      median(reference.cpu), ratio as NSString)
    }

    private func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }
}
