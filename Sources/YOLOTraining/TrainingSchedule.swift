import Foundation

/// Learning rate, momentum and gradient accumulation for every training iteration, as
/// YOLOv5 v7.0's `train.py` sets them.
///
/// Three things make this more than a lambda:
/// - Warm-up lasts `max(round(warmupEpochs * batchesPerEpoch), 100)` iterations (so with
///   few batches per epoch it spans more than `warmupEpochs`). During it the bias group's
///   rate falls from `warmupBiasLearningRate` and the other groups' rise from 0, both to
///   `lr0 * lf(epoch)`; momentum rises from `warmupMomentum` to `momentum`; accumulation
///   rises from 1 to `nominalBatchSize / batchSize`.
/// - `train.py` rewinds the epoch scheduler by one (`scheduler.last_epoch = -1`), so after
///   warm-up epoch `e` trains with `lr0 * lf(e - 1)`, and the epoch in which warm-up ends
///   keeps the warm-up's final `lr0 * lf(e)` until its end.
/// - The optimizer steps when `iteration - lastStep >= accumulate` (see
///   `OptimizerStepGate`).
///
/// Group order is YOLOv5's: 0 biases, 1 weights with decay, 2 normalisation weights
/// (see `ParameterGroups`).
public struct TrainingSchedule: Sendable, Equatable {
    /// How the learning rate decays over epochs after warm-up.
    public enum Decay: String, Sendable, Equatable {
        /// `(1 - x / epochs) * (1 - lrf) + lrf`.
        case linear
        /// `((1 - cos(x * pi / epochs)) / 2) * (lrf - 1) + 1` (`--cos-lr`).
        case cosine
    }

    public var epochs: Int
    public var batchesPerEpoch: Int
    public var batchSize: Int
    /// YOLOv5's nominal batch: gradients are accumulated to about this many images.
    public var nominalBatchSize: Int = 64
    /// `lr0`: initial learning rate.
    public var initialLearningRate: Double = 0.01
    /// `lrf`: final learning rate as a fraction of `lr0`.
    public var finalLearningRateFraction: Double = 0.01
    public var momentum: Double = 0.937
    /// Weight decay before scaling by the batch (`weight_decay` in the hyp file).
    public var weightDecay: Double = 0.0005
    public var warmupEpochs: Double = 3
    public var warmupMomentum: Double = 0.8
    public var warmupBiasLearningRate: Double = 0.1
    public var decay: Decay = .linear

    /// The defaults are `hyp.scratch-low.yaml`'s.
    public init(epochs: Int, batchesPerEpoch: Int, batchSize: Int, decay: Decay = .linear) {
        self.epochs = epochs
        self.batchesPerEpoch = batchesPerEpoch
        self.batchSize = batchSize
        self.decay = decay
    }

    /// Number of warm-up iterations: at least 100, whatever `warmupEpochs` says.
    public var warmupIterations: Int {
        Swift.max(Int((warmupEpochs * Double(batchesPerEpoch)).roundedHalfToEven), 100)
    }

    /// Accumulation after warm-up: `max(round(nominalBatchSize / batchSize), 1)`.
    public var fullAccumulation: Int {
        Swift.max(Int((Double(nominalBatchSize) / Double(batchSize)).roundedHalfToEven), 1)
    }

    /// Weight decay of group 1, scaled once by `batchSize * fullAccumulation / 64` as
    /// `train.py` does before building the optimizer (not per iteration).
    public var scaledWeightDecay: Double {
        weightDecay * Double(batchSize * fullAccumulation) / Double(nominalBatchSize)
    }

    /// The epoch factor `lf(x)` that multiplies `lr0`.
    public func learningRateFactor(epoch x: Double) -> Double {
        let lrf = finalLearningRateFraction
        let count = Double(epochs)
        switch decay {
        case .linear:
            return (1 - x / count) * (1.0 - lrf) + lrf
        case .cosine:
            return ((1 - Foundation.cos(x * Double.pi / count)) / 2) * (lrf - 1) + 1
        }
    }

    /// Settings in force for batch `batchIndex` of `epoch` (both 0-based).
    public func settings(epoch: Int, batchIndex: Int) -> IterationSettings {
        let iteration = batchIndex + batchesPerEpoch * epoch
        let warmupEnd = warmupIterations
        if iteration <= warmupEnd {
            return warmupSettings(epoch: epoch, iteration: iteration)
        }
        // The epoch that contains the last warm-up iteration keeps its final learning rate
        // (the scheduler only writes rates at epoch ends); later epochs lag by one.
        let warmupEndedThisEpoch = warmupEnd >= batchesPerEpoch * epoch
        let factorEpoch = warmupEndedThisEpoch ? epoch : Swift.max(epoch - 1, 0)
        let rate = initialLearningRate * learningRateFactor(epoch: Double(factorEpoch))
        return IterationSettings(
            iteration: iteration, isWarmup: false, accumulate: fullAccumulation,
            learningRates: [rate, rate, rate], momentum: momentum)
    }

    private func warmupSettings(epoch: Int, iteration: Int) -> IterationSettings {
        let xp = [0.0, Double(warmupIterations)]
        let x = Double(iteration)
        let target = initialLearningRate * learningRateFactor(epoch: Double(epoch))
        let ramp = LinearInterpolation.value(
            at: x, xp: xp, fp: [1, Double(nominalBatchSize) / Double(batchSize)])
        let biasRate = LinearInterpolation.value(
            at: x, xp: xp, fp: [warmupBiasLearningRate, target])
        let weightRate = LinearInterpolation.value(at: x, xp: xp, fp: [0, target])
        let currentMomentum = LinearInterpolation.value(
            at: x, xp: xp, fp: [warmupMomentum, momentum])
        return IterationSettings(
            iteration: iteration, isWarmup: true,
            accumulate: Swift.max(1, Int(ramp.roundedHalfToEven)),
            learningRates: [biasRate, weightRate, weightRate], momentum: currentMomentum)
    }
}

/// What one training iteration uses.
public struct IterationSettings: Sendable, Equatable {
    /// `ni`: batches seen since the start of training (0-based).
    public var iteration: Int
    public var isWarmup: Bool
    /// Batches whose gradients are summed before an optimizer step.
    public var accumulate: Int
    /// Learning rate per parameter group: biases, decayed weights, normalisation weights.
    public var learningRates: [Double]
    /// SGD momentum (the same for every group).
    public var momentum: Double
}

/// Decides after which batches the optimizer steps: when at least `accumulate` batches have
/// passed since the last step. The first step is after batch 0 (`lastStep` starts at -1).
///
/// Save `lastStep` with a checkpoint only if resuming mid-epoch; YOLOv5 restarts it at -1.
public struct OptimizerStepGate: Sendable, Equatable {
    public private(set) var lastStep: Int

    public init(lastStep: Int = -1) {
        self.lastStep = lastStep
    }

    /// Whether to step after the batch with index `iteration`; records the step if so.
    public mutating func shouldStep(after iteration: Int, accumulate: Int) -> Bool {
        guard iteration - lastStep >= accumulate else { return false }
        lastStep = iteration
        return true
    }
}
