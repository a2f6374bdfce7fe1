import Foundation
import MaskFaceData

/// Runs the reference's `train.py` (see `ReferenceScript`) once per measurement, on the
/// same images, hyperparameters, batch, workers and thread count as our side.
struct ReferenceTraining {
    let settings: BenchmarkSettings
    let python: String
    let hyperparameters: String
    /// The data.yaml written for the reference by `prepare()`.
    private let dataYAML: String
    private let script: String

    init(settings: BenchmarkSettings, python: String, hyperparameters: String) {
        self.settings = settings
        self.python = python
        self.hyperparameters = hyperparameters
        dataYAML = settings.work + "/reference-data/data.yaml"
        script = settings.work + "/reference-train.py"
    }

    /// Writes the script and a data.yaml naming the first `iterations x batch` train images
    /// by absolute path.
    ///
    /// MaskFace's own data.yaml says `path: .`, which YOLOv5 resolves against its package
    /// folder rather than the file's, so the reference gets a file of its own. Labels are
    /// found the YOLOv5 way, `images/` replaced by `labels/` in each image path, which is
    /// MaskFace's layout.
    func prepare() throws {
        let dataset = try DatasetFolder(settings.data)
        let train = try dataset.imageNames(inSplit: "train")
            .prefix(settings.iterations * settings.batchSize).map(dataset.imagePath)
        let validation = try dataset.imageNames(inSplit: "val").map(dataset.imagePath)
        let folder = settings.work + "/reference-data"
        try FileManager.default.createDirectory(atPath: folder,
                                                withIntermediateDirectories: true)
        try (train.joined(separator: "\n") + "\n")
            .write(toFile: folder + "/train.txt", atomically: true, encoding: .utf8)
        try (validation.joined(separator: "\n") + "\n")
            .write(toFile: folder + "/val.txt", atomically: true, encoding: .utf8)
        let yaml = """
            # Written by TrainingBenchmarks for ultralytics train.py.
            path: \(folder)
            train: \(folder)/train.txt
            val: \(folder)/val.txt
            nc: 2
            names: [mask, nomask]

            """
        try yaml.write(toFile: dataYAML, atomically: true, encoding: .utf8)
        try ReferenceScript.source.write(toFile: script, atomically: true, encoding: .utf8)
    }

    /// Seconds per iteration, in order, and the thread count torch reported.
    func iterationSeconds(_ configuration: BenchmarkSettings.Configuration, threads: Int)
        throws -> (seconds: [Double], torchThreads: Int)
    {
        let name = "\(configuration.model)-\(configuration.imageSize)-t\(threads)"
        let result = settings.work + "/reference/\(name).json"
        let log = settings.work + "/reference/\(name).log"
        try FileManager.default.createDirectory(atPath: settings.work + "/reference",
                                                withIntermediateDirectories: true)
        let arguments = [
            script, result, String(settings.iterations), String(threads),
            "--weights", "", "--cfg", configuration.model + ".yaml", "--data", dataYAML,
            "--hyp", hyperparameters, "--img", String(configuration.imageSize),
            "--batch-size", String(settings.batchSize), "--epochs", "1", "--noplots",
            "--workers", String(settings.workers), "--project", settings.work + "/reference",
            "--name", name, "--exist-ok",
        ]
        try runReference(python: python, arguments, threads: threads, folder: settings.work,
                         log: log)
        let data = try Data(contentsOf: URL(fileURLWithPath: result))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let seconds = object["iteration_s"] as? [Double],
              seconds.count >= settings.iterations
        else {
            throw BenchmarkFailure("reference \(name): \(result) has too few iterations; "
                                   + "see \(log)")
        }
        return (seconds, object["torch_threads"] as? Int ?? 0)
    }
}

/// Runs the reference Python with `arguments` in `folder`, stdout and stderr into `log`,
/// offline and with `threads` OpenMP threads; throws with the log's tail when it fails.
func runReference(python: String, _ arguments: [String], threads: Int, folder: String,
                  log: String) throws {
    guard FileManager.default.createFile(atPath: log, contents: nil) else {
        throw BenchmarkFailure("cannot create \(log)")
    }
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    defer { try? output.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["HF_HUB_OFFLINE"] = "1"
    environment["PYTHONWARNINGS"] = "ignore"
    environment["OMP_NUM_THREADS"] = String(threads)
    process.environment = environment
    process.standardOutput = output
    process.standardError = output
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        let tail = (try? String(contentsOfFile: log, encoding: .utf8))?.suffix(1500) ?? ""
        throw BenchmarkFailure("\(arguments.first ?? python) failed (status "
                               + "\(process.terminationStatus)), log \(log):\n\(tail)")
    }
}
