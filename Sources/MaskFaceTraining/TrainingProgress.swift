import Foundation

/// Where a run stands: what a checkpoint must hold to resume exactly, stored as JSON in
/// the checkpoint's `training.*` metadata.
struct TrainingProgress: Codable, Equatable {
    /// The epoch being trained (0-based).
    var epoch: Int
    /// The next batch of `epoch` to train; 0 when the epoch has not started.
    var nextBatch: Int
    var bestFitness: Double
    var bestEpoch: Int
    /// The iteration of the last optimizer step (`OptimizerStepGate.lastStep`).
    var lastOptimizerStep: Int
    var emaUpdates: Int
    /// Sums of (box, objectness, class) losses over the batches done in `epoch`.
    var epochLossSums: [Double]
    /// Seconds spent training so far, over all sessions of the run.
    var trainingSeconds: Double

    static let initial = TrainingProgress(
        epoch: 0, nextBatch: 0, bestFitness: 0, bestEpoch: -1, lastOptimizerStep: -1,
        emaUpdates: 0, epochLossSums: [0, 0, 0], trainingSeconds: 0)
}

/// Encodes options and progress into checkpoint metadata and back.
enum TrainingMetadata {
    static let optionsKey = "options"
    static let progressKey = "progress"

    static func encode(options: TrainingOptions, progress: TrainingProgress) throws
        -> [String: String]
    {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return [
            optionsKey: String(decoding: try encoder.encode(options), as: UTF8.self),
            progressKey: String(decoding: try encoder.encode(progress), as: UTF8.self),
        ]
    }

    static func decode(_ metadata: [String: String], path: String) throws
        -> (TrainingOptions, TrainingProgress)
    {
        guard let options = metadata[optionsKey], let progress = metadata[progressKey] else {
            throw TrainingRunError(path: path, problem: "holds weights but no training state "
                                   + "to resume (use it with --weights instead)")
        }
        let decoder = JSONDecoder()
        do {
            return (try decoder.decode(TrainingOptions.self, from: Data(options.utf8)),
                    try decoder.decode(TrainingProgress.self, from: Data(progress.utf8)))
        } catch {
            throw TrainingRunError(path: path, problem: "training state is unreadable: \(error)")
        }
    }
}
