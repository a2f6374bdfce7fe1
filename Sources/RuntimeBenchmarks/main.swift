// RuntimeBenchmarks: end-to-end speed of the MaskFace runtime next to ultralytics
// detect.py and onnxruntime, in the same run, on the same models and images.
//
// Usage: RuntimeBenchmarks [--work DIR] [--images N] [--python PATH] [--threads 1,2]
//                          [--configs yolov5n:640,yolov5n:320,yolov5n:160,yolov5s:640]
// Images: the first N (default 40) of the reference test split of the Kaggle face-mask
// set. Models are exported into DIR (default /tmp/maskface-bench) on first use with the
// reference toolkit (/work/shared/tools/reference-env). Prints one table of medians.
import Foundation
import MaskFaceCore
import MaskFaceRuntime
import MaskFaceVision

struct BenchmarkSettings {
    var work = "/tmp/maskface-bench"
    var imageCount = 40
    var python = NSHomeDirectory() + "/.cache/maskface-reference/bin/python"
    var threads = [1, 2]
    var configs: [(model: String, size: Int)] = [
        ("yolov5n", 640), ("yolov5n", 320), ("yolov5n", 160), ("yolov5s", 640),
    ]

    init(_ arguments: [String]) throws {
        var index = 0
        func value() throws -> String {
            index += 1
            guard index < arguments.count else {
                throw Subprocess.Failure(description: "\(arguments[index - 1]) needs a value")
            }
            return arguments[index]
        }
        while index < arguments.count {
            switch arguments[index] {
            case "--work": work = try value()
            case "--images": imageCount = Int(try value()) ?? imageCount
            case "--python": python = try value()
            case "--threads": threads = try value().split(separator: ",").compactMap { Int($0) }
            case "--configs":
                configs = try value().split(separator: ",").compactMap { item in
                    let parts = item.split(separator: ":")
                    guard parts.count == 2, let size = Int(parts[1]) else { return nil }
                    return (String(parts[0]), size)
                }
            default: throw Subprocess.Failure(description: "unknown option \(arguments[index])")
            }
            index += 1
        }
    }
}

/// The benchmark images, and a folder of links to them for detect.py.
func benchmarkImages(count: Int, work: String) throws -> (paths: [String], folder: String) {
    let reference = "\(sharedFolder)/fixtures/reference/train-run/split/test.txt"
    let names = try String(contentsOfFile: reference, encoding: .utf8)
        .split(separator: "\n").prefix(count)
    let paths = names.map { "\(sharedFolder)/datasets/face-mask-kaggle-voc/images/\($0)" }
    let folder = "\(work)/images-\(count)"
    if !FileManager.default.fileExists(atPath: folder) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for path in paths {
            try FileManager.default.createSymbolicLink(
                atPath: "\(folder)/\((path as NSString).lastPathComponent)",
                withDestinationPath: path)
        }
    }
    return (paths, folder)
}

func format(_ value: Double) -> String { String(format: "%7.1f", value) }

func run() throws {
    let settings = try BenchmarkSettings(Array(CommandLine.arguments.dropFirst()))
    try FileManager.default.createDirectory(atPath: settings.work,
                                            withIntermediateDirectories: true)
    let models = BenchmarkModels(folder: settings.work, python: settings.python)
    let (paths, folder) = try benchmarkImages(count: settings.imageCount, work: settings.work)
    let images = try paths.map { try Image(contentsOf: $0) }
    let dlib = try DlibModels(folder: ModelFolder.resolve())
    print("RuntimeBenchmarks: \(images.count) Kaggle test images, OpenCV "
        + "\(OpenCVLibrary.version), dlib \(OpenCVLibrary.dlibVersion); ms per image, medians "
        + "unless marked mean")
    print("model    img thr | ours: pre    inf    NMS  landm  descr  match  detect  frame   FPS"
        + " faces | ORT inf  ratio | detect.py inf (mean) ")
    for config in settings.configs {
        let onnx = try models.onnx(config.model, size: config.size)
        let checkpoint = try models.checkpoint(config.model)
        for threads in settings.threads {
            let ours = try PipelineRunner.time(
                model: onnx, images: images, threads: threads, models: dlib)
            let runtime = try ONNXRuntimeRunner.time(
                python: settings.python, model: onnx, images: paths, threads: threads)
            let detect = try DetectRunner.time(
                python: settings.python, checkpoint: checkpoint, imageFolder: folder,
                size: config.size, threads: threads)
            let stages = PipelineStage.allCases.map { format(ours.medianStage[$0] ?? 0) }
            let ratio = (ours.medianStage[.inference] ?? 0) / runtime.medianInference
            print(config.model.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: "%4d %3d |", config.size, threads)
                + stages.joined() + format(ours.medianDetector) + format(ours.medianFrame)
                + String(format: " %5.1f %5.1f |", 1000 / ours.medianFrame, ours.facesPerImage)
                + format(runtime.medianInference) + String(format: " %5.2fx |", ratio)
                + format(detect.medianInference) + " (" + format(detect.meanInference) + ")")
        }
    }
    print("detect = our pre-process + inference + NMS; frame = end to end with recognition; "
        + "ratio = our inference / onnxruntime inference (same ONNX file and threads)")
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("RuntimeBenchmarks: \(error)\n".utf8))
    exit(1)
}
