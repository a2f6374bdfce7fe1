import Foundation
import Testing

@testable import Torch
@testable import YOLOTraining

/// ModelEMA on a tiny module, checked by hand against YOLOv5's formula
/// `d = 0.9999 * (1 - exp(-updates / 2000))`, `ema = d * ema + (1 - d) * model`.
@Suite("Model EMA")
struct ModelEMATests {
    /// A BatchNorm: float parameters and buffers plus an integer counter.
    private func makeModule(weight: Float) throws -> BatchNorm2d {
        let module = try BatchNorm2d(channels: 2)
        try Torch.withNoGrad {
            try module.weight.fill_(Double(weight))
            try module.runningMean.fill_(Double(weight) * 2)
        }
        return module
    }

    @Test func averagesFloatStateAndKeepsCounters() throws {
        let model = try makeModule(weight: 1)
        let shadow = try makeModule(weight: 0)
        let ema = try ModelEMA(model: model, shadow: shadow)
        #expect(try shadow.weight.floats() == [1, 1])
        #expect(!shadow.isTraining)
        #expect(!shadow.weight.requiresGrad)

        try Torch.withNoGrad {
            try model.weight.fill_(3)
            try model.runningMean.fill_(5)
            try model.batchesTracked.fill_(7)
        }
        try ema.update(from: model)
        try ema.update(from: model)
        #expect(ema.updates == 2)

        var expectedWeight = 1.0
        var expectedMean = 2.0
        for update in 1...2 {
            let decay = 0.9999 * (1 - Foundation.exp(-Double(update) / 2000))
            #expect(Swift.abs(ema.currentDecay(updates: update) - decay) < 1e-15)
            expectedWeight = decay * expectedWeight + (1 - decay) * 3
            expectedMean = decay * expectedMean + (1 - decay) * 5
        }
        let weights = try shadow.weight.doubles()
        let means = try shadow.runningMean.doubles()
        #expect(weights.allSatisfy { Swift.abs($0 - expectedWeight) < 1e-6 })
        #expect(means.allSatisfy { Swift.abs($0 - expectedMean) < 1e-6 })
        #expect(try shadow.batchesTracked.itemInt() == 0)
    }

    @Test func resumedCounterContinuesTheRamp() throws {
        let ema = try ModelEMA(
            model: try makeModule(weight: 1), shadow: try makeModule(weight: 0), updates: 4000)
        try ema.update(from: try makeModule(weight: 1))
        #expect(ema.updates == 4001)
        #expect(ema.currentDecay(updates: 4001) > 0.86)
    }

    @Test func mismatchedArchitecturesAreReported() throws {
        let model = try makeModule(weight: 1)
        let shadow = try makeModule(weight: 0)
        let ema = try ModelEMA(model: model, shadow: shadow)
        #expect(throws: TrainingError.self) { try ema.update(from: Module()) }
    }
}
