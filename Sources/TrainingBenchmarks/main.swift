import Foundation

// Training throughput of MaskFace next to ultralytics YOLOv5's train.py on the same
// libtorch, in the same run, and the raw throughput of MaskFace's training loader.
//
//     swift run -c release TrainingBenchmarks [--data /tmp/bench-data/kaggle]
//         [--configs yolov5n:320,yolov5n:640,yolov5s:320] [--threads 2,1]
//         [--iterations 20] [--skip 3] [--python PATH | --no-reference]
//
// Run from the repository root (configs/ is found there). The dataset is a MaskFace
// dataset folder with the reference's split:
//
//     maskface dataset import ../shared/datasets/face-mask-kaggle-voc --format voc \
//         --out /tmp/bench-data/kaggle
//     maskface dataset split /tmp/bench-data/kaggle \
//         --from ../shared/fixtures/reference/train-run/split
//
// The reference Python comes from ../shared/tools/reference-env. Prints a line per
// measurement and ends with Markdown tables for benchmarks/README.md.

do {
    let settings = try BenchmarkSettings(Array(CommandLine.arguments.dropFirst()))
    try Benchmark(settings: settings).run()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
