/// What a training run reports as it goes; the command line renders these, the library
/// never prints.
public enum TrainingEvent: Sendable {
    /// Once, after setup: the resolved settings and the run folder.
    case started(TrainingSummary)
    /// After every batch: the running mean losses of the epoch so far.
    case batch(BatchProgress)
    /// After validation at the end of each epoch.
    case validating(epoch: Int, batch: Int, batchCount: Int)
    case epochFinished(EpochResult, isBest: Bool, seconds: Double)
    /// Patience ran out.
    case stoppedEarly(epoch: Int, bestEpoch: Int)
    /// The stop flag was raised; `last` was saved after the epoch's completed batches.
    case interrupted(epoch: Int)
    case finished(TrainingOutcome)
}

/// The settings a run resolved, for its first log line.
public struct TrainingSummary: Sendable {
    public var runFolder: String
    public var modelName: String
    public var parameterCount: Int
    public var gflops: Double
    public var trainImages: Int
    public var valImages: Int
    public var startEpoch: Int
    public var epochs: Int
    public var batchSize: Int
    public var imageSize: Int
    public var threads: Int
    public var workers: Int
    public var resumedFrom: String?
}

/// One batch's progress line.
public struct BatchProgress: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var batch: Int
    public var batchCount: Int
    /// Running means over the epoch: box, objectness, class.
    public var meanLosses: [Double]
    /// Labels in this batch.
    public var instances: Int
    public var imageSize: Int
    public var imagesPerSecond: Double
}

/// Where a run ended and what it left.
public struct TrainingOutcome: Sendable {
    public var runFolder: String
    public var lastWeights: String
    public var bestWeights: String
    public var bestEpoch: Int
    public var bestFitness: Double
    public var epochsCompleted: Int
    public var trainingSeconds: Double
    public var wasInterrupted: Bool
}
