import Foundation
import Torch

/// Exponential moving average of a model's floating-point state (YOLOv5's `ModelEMA`),
/// the weights YOLOv5 validates and saves.
///
/// After each optimizer step, every floating-point parameter and buffer becomes
/// `ema = d * ema + (1 - d) * model` with `d = decay * (1 - exp(-updates / tau))`, so early
/// updates follow the model closely and later ones average over about `1 / (1 - decay)`
/// steps. Integer state (BatchNorm's `num_batches_tracked`) keeps the value it was copied
/// with, as in YOLOv5.
///
/// The average lives in `shadow`, a second module of the same architecture that the caller
/// builds (Swift cannot deep-copy a module tree); it is then ready for validation and for
/// saving. Not `Sendable`: it mutates `shadow` in place.
public final class ModelEMA {
    /// The averaged model, in eval mode, with gradients off.
    public let shadow: Module
    /// Number of updates so far; saved in checkpoints (`updates`) so a resumed run
    /// continues the decay ramp.
    public private(set) var updates: Int
    /// YOLOv5's 0.9999.
    public let decay: Double
    /// Ramp length in updates; YOLOv5's 2000.
    public let tau: Double

    /// Copies `model`'s state into `shadow` and starts averaging from there.
    ///
    /// - Parameters:
    ///   - updates: the count restored from a checkpoint (0 for a new run). When resuming,
    ///     load the checkpoint's EMA weights into `shadow` after this initialiser.
    public init(model: Module, shadow: Module, updates: Int = 0, decay: Double = 0.9999,
                tau: Double = 2000) throws {
        self.shadow = shadow
        self.updates = updates
        self.decay = decay
        self.tau = tau
        try shadow.loadStateDict(model.stateDict())
        shadow.eval()
        for parameter in shadow.parameters() {
            try parameter.requiresGrad(false)
        }
    }

    /// Sets the update count restored from a checkpoint, so that the decay ramp goes on
    /// where it stopped; load the checkpoint's EMA weights into `shadow` separately.
    public func restore(updates: Int) {
        self.updates = updates
    }

    /// The averaging weight of the current model for update number `updates`.
    public func currentDecay(updates: Int) -> Double {
        decay * (1 - Foundation.exp(-Double(updates) / tau))
    }

    /// Folds `model`'s current state into the average (call after each optimizer step).
    public func update(from model: Module) throws {
        updates += 1
        let weight = currentDecay(updates: updates)
        let source = model.stateDict()
        try Torch.withNoGrad {
            for (name, average) in shadow.stateDict() where average.dtype.isFloatingPoint {
                guard let current = source[name] else {
                    throw TrainingError.invalidArgument(
                        "ModelEMA: the model has no '\(name)'; shadow and model must share "
                            + "an architecture")
                }
                // Two separate roundings, as YOLOv5 writes it (`v *= d; v += (1-d) * m`).
                try average.mul_(weight)
                try average.add_(try current.detach() * (1 - weight))
            }
        }
    }
}
