import Foundation
import Torch
import YOLO

/// What the ablation runner reports; the command line renders it.
public enum AblationEvent: Sendable {
    case skipped(experiment: Int, name: String)
    case starting(experiment: Int, name: String, resuming: Bool)
    case training(experiment: Int, TrainingEvent)
    case evaluating(experiment: Int, split: String)
    case finished(experiment: Int, record: AblationRecord)
}

/// Trains and evaluates each experiment of an `AblationPlan` in its own fixed run folder
/// (`project/<plan>/exp<N>`), skipping finished ones and resuming interrupted ones, then
/// writes the tables.
public final class AblationRunner {
    public struct Overrides: Sendable {
        public var epochs: Int?
        public var imageSize: Int?
        public var fraction: Double?
        public var only: [Int]?
        public var threads: Int?
        /// `cpu` or `cuda[:N]`; the full budget is meant for a GPU.
        public var device: String?

        public init() {}
    }

    public let plan: AblationPlan
    public let project: String
    let overrides: Overrides
    let observe: (AblationEvent) -> Void
    let shouldStop: @Sendable () -> Bool

    public init(plan: AblationPlan, project: String, overrides: Overrides,
                observe: @escaping (AblationEvent) -> Void = { _ in },
                shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.plan = plan
        self.project = project
        self.overrides = overrides
        self.observe = observe
        self.shouldStop = shouldStop
    }

    public var planFolder: String { "\(project)/\(plan.name)" }

    /// Runs what is left; false when stopped part-way (rerun to continue).
    public func run() throws -> Bool {
        let selected = plan.experiments.filter { overrides.only?.contains($0.number) ?? true }
        if let only = overrides.only, selected.count != only.count {
            let known = plan.experiments.map(\.number)
            throw TrainingRunError(path: plan.file, problem: "--only \(only) names experiments "
                                   + "not in the file (it has \(known))")
        }
        for experiment in selected {
            guard try runExperiment(experiment) else { return false }
        }
        return true
    }

    /// The options of one experiment with the budget overrides applied.
    func options(for experiment: AblationPlan.Experiment) -> TrainingOptions {
        var options = plan.options(for: experiment)
        options.epochs = overrides.epochs ?? options.epochs
        options.imageSize = overrides.imageSize ?? options.imageSize
        options.fraction = overrides.fraction ?? options.fraction
        options.device = overrides.device ?? options.device
        options.threads = overrides.threads ?? ProcessInfo.processInfo.activeProcessorCount
        options.project = planFolder
        return options
    }

    private func runExperiment(_ experiment: AblationPlan.Experiment) throws -> Bool {
        let folderPath = "\(planFolder)/exp\(experiment.number)"
        let options = options(for: experiment)
        if let record = try AblationRecord.read(from: folderPath) {
            guard record.budget.epochs == options.epochs,
                  record.budget.imageSize == options.imageSize,
                  record.budget.fraction == options.fraction
            else {
                throw TrainingRunError(path: folderPath, problem: "was run with another "
                    + "budget (\(record.budget.description)); use another --project or "
                    + "remove the folder")
            }
            observe(.skipped(experiment: experiment.number, name: experiment.name))
            return true
        }
        let folder = RunFolder(existing: folderPath)
        let resuming = FileManager.default.fileExists(atPath: folder.lastWeights)
        observe(.starting(experiment: experiment.number, name: experiment.name,
                          resuming: resuming))
        let relay = { [observe] (event: TrainingEvent) in
            observe(.training(experiment: experiment.number, event))
        }
        let trainer: Trainer
        if resuming {
            trainer = try Trainer(resuming: folder, observe: relay, shouldStop: shouldStop)
        } else {
            try? FileManager.default.removeItem(atPath: folderPath)
            trainer = try Trainer(options: options, runFolder: try RunFolder.create(
                exactly: folderPath), observe: relay, shouldStop: shouldStop)
        }
        let outcome = try trainer.run()
        guard !outcome.wasInterrupted else { return false }
        let record = try evaluate(experiment, options: options, outcome: outcome,
                                  trainImages: trainer.setup.trainLoader.samples.count)
        try record.write(to: folderPath)
        observe(.finished(experiment: experiment.number, record: record))
        return true
    }

    private func evaluate(_ experiment: AblationPlan.Experiment, options: TrainingOptions,
                          outcome: TrainingOutcome, trainImages: Int) throws -> AblationRecord {
        var metrics: [AblationRecord.SplitMetrics] = []
        for split in ["val", "test"] {
            observe(.evaluating(experiment: experiment.number, split: split))
            var evaluation = EvaluationOptions(weights: outcome.bestWeights, data: options.data)
            evaluation.split = split
            evaluation.imageSize = options.imageSize
            evaluation.threads = options.threads
            evaluation.workers = options.workers
            let summary = try Evaluation.run(evaluation).result.metrics
            metrics.append(.init(precision: summary.precision, recall: summary.recall,
                                 mapAt50: summary.mapAt50, mapAt50To95: summary.mapAt50To95))
        }
        let loaded = try DetectionModel.load(outcome.bestWeights)
        let weightsFolder = RunFolder(existing: outcome.runFolder).weightsFolder
        let stripped = "\(weightsFolder)/best-fp16.safetensors"
        try loaded.model.saveStateDict(to: stripped, half: true)
        let size = (try FileManager.default.attributesOfItem(atPath: stripped)[.size]
            as? NSNumber)?.doubleValue ?? 0
        let complexity = ModelComplexity(config: loaded.model.config, fused: true)
        return AblationRecord(
            experiment: experiment.number, name: experiment.name,
            model: URL(fileURLWithPath: options.modelConfig).deletingPathExtension()
                .lastPathComponent,
            imageSize: options.imageSize, parameters: try loaded.model.fused().parameterCount,
            gflops: try complexity.gflops(imageSize: options.imageSize),
            val: metrics[0], test: metrics[1], modelSizeMB: size / 1_000_000,
            cosineLearningRate: experiment.cosineLearningRate,
            labelSmoothing: experiment.labelSmoothing, multiScale: experiment.multiScale,
            trainHours: outcome.trainingSeconds / 3600,
            budget: AblationBudget(
                epochs: options.epochs, imageSize: options.imageSize,
                batchSize: options.batchSize, fraction: options.fraction,
                trainImages: trainImages, data: options.data, threads: options.threads,
                machine: MachineDescription.current))
    }
}

/// "CPU, 2 cores" or the GPU in use: the machine part of a budget line.
enum MachineDescription {
    static var current: String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return Torch.cudaIsAvailable ? "CUDA GPU, \(cores) CPU cores" : "CPU only, \(cores) cores"
    }
}
