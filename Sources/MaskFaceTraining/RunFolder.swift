import Foundation

/// A training run's folder: `project/name`, never reusing an existing one, holding
/// `args.yaml`, `hyp.yaml`, `results.csv`, `weights/last.safetensors`,
/// `weights/best.safetensors` and the plots.
public struct RunFolder: Sendable {
    public let path: String

    public var weightsFolder: String { "\(path)/weights" }
    public var lastWeights: String { "\(weightsFolder)/last.safetensors" }
    public var bestWeights: String { "\(weightsFolder)/best.safetensors" }
    public var resultsCSV: String { "\(path)/results.csv" }
    public var argumentsFile: String { "\(path)/args.yaml" }
    public var hyperparametersFile: String { "\(path)/hyp.yaml" }

    public init(existing path: String) {
        self.path = path
    }

    /// Creates `project/name`, or `name2`, `name3`, ... when taken, so that no earlier
    /// run is ever overwritten.
    public static func create(project: String, name: String) throws -> RunFolder {
        let manager = FileManager.default
        try manager.createDirectory(atPath: project, withIntermediateDirectories: true)
        var candidate = "\(project)/\(name)"
        var suffix = 2
        while manager.fileExists(atPath: candidate) {
            candidate = "\(project)/\(name)\(suffix)"
            suffix += 1
        }
        let folder = RunFolder(existing: candidate)
        try manager.createDirectory(atPath: folder.weightsFolder, withIntermediateDirectories: true)
        return folder
    }

    /// The folder at exactly `path`, created with its weights folder if missing (the
    /// ablation runner keeps one fixed folder per experiment).
    public static func create(exactly path: String) throws -> RunFolder {
        let folder = RunFolder(existing: path)
        try FileManager.default.createDirectory(atPath: folder.weightsFolder,
                                                withIntermediateDirectories: true)
        return folder
    }

    /// A run folder given by path, or by name under `project`, that has a `last` checkpoint
    /// to resume from.
    public static func resumable(_ nameOrPath: String?, project: String) throws -> RunFolder {
        let manager = FileManager.default
        let path: String
        if let nameOrPath, manager.fileExists(atPath: nameOrPath) {
            path = nameOrPath.hasSuffix(".safetensors")
                ? URL(fileURLWithPath: nameOrPath).deletingLastPathComponent()
                    .deletingLastPathComponent().path
                : nameOrPath
        } else if let nameOrPath {
            path = "\(project)/\(nameOrPath)"
        } else {
            path = try latestRun(in: project)
        }
        let folder = RunFolder(existing: path)
        guard manager.fileExists(atPath: folder.lastWeights) else {
            throw TrainingRunError(path: folder.lastWeights,
                                   problem: "nothing to resume: no last checkpoint here")
        }
        return folder
    }

    /// The most recently modified run under `project` that has a last checkpoint.
    static func latestRun(in project: String) throws -> String {
        let manager = FileManager.default
        let names = (try? manager.contentsOfDirectory(atPath: project)) ?? []
        let candidates = names.map { "\(project)/\($0)" }.filter {
            manager.fileExists(atPath: RunFolder(existing: $0).lastWeights)
        }
        let dated = candidates.map { path -> (String, Date) in
            let attributes = try? manager.attributesOfItem(atPath: RunFolder(existing: path)
                                                            .lastWeights)
            return (path, attributes?[.modificationDate] as? Date ?? .distantPast)
        }
        guard let latest = dated.max(by: { $0.1 < $1.1 }) else {
            throw TrainingRunError(path: project, problem: "no run with a last checkpoint "
                                   + "to resume")
        }
        return latest.0
    }
}
