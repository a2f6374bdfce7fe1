import Foundation
import Testing

@testable import YOLOTraining

/// Golden checks against `lr/lr_schedule_{linear,cos}.csv`: train.py's learning rates,
/// momentum, accumulation and optimizer steps for 10 epochs of 20 batches of 16
/// (hyp.scratch-low; README section 5).
@Suite("Learning-rate schedule against train.py")
struct TrainingScheduleTests {
    /// The CSV's rows as dictionaries of column to value.
    private func table(_ name: String) throws -> [[String: Double]] {
        let url = referenceFixtureFolder().appendingPathComponent("lr/\(name)")
        let lines = try String(contentsOf: url, encoding: .utf8)
            .split(whereSeparator: \.isNewline).map(String.init)
        let header = try #require(lines.first).split(separator: ",").map(String.init)
        return try lines.dropFirst().map { line in
            let fields = line.split(separator: ",").map { Double($0) }
            #expect(fields.count == header.count)
            return Dictionary(
                uniqueKeysWithValues: zip(header, try fields.map { try #require($0) }))
        }
    }

    @Test(arguments: [
        ("lr_schedule_linear.csv", TrainingSchedule.Decay.linear),
        ("lr_schedule_cos.csv", TrainingSchedule.Decay.cosine),
    ])
    func everyIterationEqualsTrainPy(file: String, decay: TrainingSchedule.Decay) throws {
        let schedule = TrainingSchedule(
            epochs: 10, batchesPerEpoch: 20, batchSize: 16, decay: decay)
        #expect(schedule.warmupIterations == 100)
        #expect(schedule.fullAccumulation == 4)
        #expect(Swift.abs(schedule.scaledWeightDecay - 0.0005) < 1e-18)
        let rows = try table(file)
        #expect(rows.count == 200)
        var gate = OptimizerStepGate()
        var largest = 0.0
        var steps = 0
        for row in rows {
            let epoch = Int(row["epoch"] ?? -1)
            let settings = schedule.settings(epoch: epoch, batchIndex: Int(row["i"] ?? -1))
            let stepped = gate.shouldStep(
                after: settings.iteration, accumulate: settings.accumulate)
            steps += stepped ? 1 : 0
            #expect(Double(settings.iteration) == row["ni"])
            #expect((settings.isWarmup ? 1.0 : 0.0) == row["warmup"])
            #expect(Double(settings.accumulate) == row["accumulate"], "ni \(settings.iteration)")
            #expect((stepped ? 1.0 : 0.0) == row["opt_step"], "ni \(settings.iteration)")
            let expected = try ["lr_g0", "lr_g1", "lr_g2", "mom_g0", "mom_g1", "mom_g2"].map {
                try #require(row[$0])
            }
            let actual = settings.learningRates + Array(repeating: settings.momentum, count: 3)
            let difference = maxAbsDifference(actual, expected)
            largest = Swift.max(largest, difference)
            #expect(difference <= 1e-12, "ni \(settings.iteration)")
        }
        #expect(steps == 74)
        note("schedule \(decay)", largest)
    }

    @Test func epochFactorsMatchTheSummary() throws {
        let summary = try fixtureJSON("lr/lr_schedule.json")
        for (key, decay) in [("linear", TrainingSchedule.Decay.linear), ("cos", .cosine)] {
            let section = try #require(summary[key] as? [String: Any])
            let schedule = TrainingSchedule(
                epochs: 10, batchesPerEpoch: 20, batchSize: 16, decay: decay)
            let factors = (0...10).map { schedule.learningRateFactor(epoch: Double($0)) }
            #expect(maxAbsDifference(factors, try doubles(section["lf"])) <= 1e-15)
        }
    }

    @Test func applyingSettingsToSGDNeedsThreeGroups() throws {
        let schedule = TrainingSchedule(epochs: 3, batchesPerEpoch: 10, batchSize: 64)
        #expect(schedule.fullAccumulation == 1)
        #expect(schedule.warmupIterations == 100)
        let settings = schedule.settings(epoch: 0, batchIndex: 0)
        #expect(settings.learningRates == [0.1, 0, 0])
        #expect(settings.momentum == 0.8)
    }
}
