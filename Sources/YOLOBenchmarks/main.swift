import Foundation
import Torch

// Forward latency of our YOLOv5n/s against ultralytics YOLOv5 on the same libtorch, in the
// same run: for every model, size and thread count the two sides take turns, so both see
// the same machine load. Usage:
//
//     swift run -c release YOLOBenchmarks [--threads 1,2] [--sizes 640,320,160]
//         [--models yolov5n,yolov5s] [--timed 5] [--warmup 2] [--rounds 8]
//         [--reference PYTHON | --no-reference]
//
// Run from the repository root (the model files are read from configs/models).

let options = BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))
do {
    try Benchmark(options: options).run()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
