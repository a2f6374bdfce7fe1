import Foundation

/// The models the benchmark times, prepared with the reference toolkit (ultralytics
/// YOLOv5 in `~/.cache/maskface-reference`, see /work/shared/tools/reference-env) when
/// they are not in the work folder yet:
/// - yolov5n: the reference training run's `best.pt`, exported at each size;
/// - yolov5s: an untrained nc=2 model (seed 0, random BatchNorm statistics); timing does
///   not depend on the weights, but it finds no faces, so its recognition stages are idle.
/// Exports use opset 12, which OpenCV 4.6 imports (the exporter's default 17 is not).
/// `../shared` beside the repository (datasets and reference fixtures), or
/// `MASKFACE_SHARED`.
let sharedFolder: String = {
    if let configured = ProcessInfo.processInfo.environment["MASKFACE_SHARED"],
       !configured.isEmpty {
        return configured
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared").path
}()

struct BenchmarkModels {
    let folder: String
    let python: String

    /// The checkpoint for `model` ("yolov5n" or "yolov5s"), made when missing.
    func checkpoint(_ model: String) throws -> String {
        let path = "\(folder)/\(model)-mask.pt"
        if FileManager.default.fileExists(atPath: path) { return path }
        switch model {
        case "yolov5n":
            try FileManager.default.copyItem(
                atPath: "\(sharedFolder)/fixtures/reference/train-run/best.pt", toPath: path)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        default:
            try Subprocess.run(python, ["-c", Self.untrainedScript(model: model, path: path)])
        }
        return path
    }

    /// The ONNX export of `model` at `size`, made when missing.
    func onnx(_ model: String, size: Int) throws -> String {
        let path = "\(folder)/\(model)-mask-\(size).onnx"
        if FileManager.default.fileExists(atPath: path) { return path }
        let weights = try checkpoint(model)
        try Subprocess.run(python, ["-m", "yolov5.export", "--weights", weights,
                                    "--include", "onnx", "--opset", "12",
                                    "--imgsz", "\(size)"])
        let exported = (weights as NSString).deletingPathExtension + ".onnx"
        try FileManager.default.moveItem(atPath: exported, toPath: path)
        return path
    }

    private static func untrainedScript(model: String, path: String) -> String {
        """
        import os, torch, yolov5
        from yolov5.models.yolo import Model
        torch.manual_seed(0)
        config = os.path.join(os.path.dirname(yolov5.__file__), 'models', '\(model).yaml')
        net = Model(config, ch=3, nc=2)
        net.names = {0: 'mask', 1: 'nomask'}
        # Fresh BatchNorms fuse into identical zero biases, which torch's exporter shares
        # through Identity nodes that OpenCV 4.6 cannot import; random statistics avoid it.
        for module in net.modules():
            if isinstance(module, torch.nn.BatchNorm2d):
                module.weight.data.uniform_(0.5, 1.5)
                module.bias.data.uniform_(-0.1, 0.1)
                module.running_mean.uniform_(-0.1, 0.1)
                module.running_var.uniform_(0.5, 1.5)
        torch.save({'model': net.half(), 'epoch': -1, 'ema': None}, '\(path)')
        """
    }
}

/// Runs reference tools as child processes, offline, capturing their output.
enum Subprocess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `executable` with `arguments`; returns stdout + stderr, throws on failure.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String],
                    environment extra: [String: String] = [:]) throws -> String
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HF_HUB_OFFLINE"] = "1"
        environment.merge(extra) { $1 }
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let output = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let command = ([executable] + arguments.prefix(3)).joined(separator: " ")
            throw Failure(description: "\(command) failed (\(process.terminationStatus)):\n"
                + output.suffix(2000))
        }
        return output
    }
}
