import Foundation
import MaskFaceData
import Torch
import YOLO
import YOLOTraining

/// Where one training iteration's time goes, step by step, without the loader: the same
/// batch (saved once, read by both sides) goes through input conversion, forward, loss,
/// backward, the clipped optimizer step and the EMA update, on our side and the
/// reference's (`ReferenceStepScript`). The optimizer steps every iteration here, so each
/// step has a time of its own.
///
/// The pieces are built the way `Trainer` builds them (`TrainingSetup`); the loss gains
/// are scaled as train.py scales them.
struct StepBreakdown {
    static let steps = ["input", "forward", "loss", "backward", "optimizer", "ema"]

    let settings: BenchmarkSettings
    let hyperparameters: String

    /// Median wall and CPU milliseconds per step, in `steps` order.
    struct StepTimes {
        var wall: [Double]
        var cpu: [Double]
    }

    /// Writes batch 0 of epoch 0 at `imageSize` as raw files for the reference: pixels
    /// `uint8 [batch, 3, size, size]` and label rows `float32 [n, 6]`.
    func saveBatch(imageSize: Int) throws -> DetectionBatch {
        let dataset = try DatasetFolder(settings.data)
        let samples = try DetectionSamples(dataset: dataset, split: "train")
        let augmenter = try OnlineAugmenter(
            hyperParameters: try HyperParameters.read(contentsOf: hyperparameters))
        let loader = try DetectionLoader(
            samples: samples, mode: .training(augmenter),
            configuration: .init(batchSize: settings.batchSize, imageSize: imageSize,
                                 workers: 1, seed: 0))
        let batch = try loader.batch(epoch: 0, index: 0)
        try Data(batch.pixels).write(to: URL(fileURLWithPath: batchPath(imageSize, "pixels")))
        let labels = batch.labelRows.withUnsafeBufferPointer { Data(buffer: $0) }
        try labels.write(to: URL(fileURLWithPath: batchPath(imageSize, "labels")))
        return batch
    }

    func batchPath(_ imageSize: Int, _ kind: String) -> String {
        "\(settings.work)/batch-\(imageSize)-\(kind).bin"
    }

    /// Our side: `warmup` untimed iterations, then `timed` timed ones.
    func ours(_ model: String, batch: DetectionBatch, threads: Int, warmup: Int, timed: Int)
        throws -> StepTimes
    {
        try Torch.setThreadCount(threads)
        try Torch.manualSeed(0)
        let hyp = try HyperParameters.read(contentsOf: hyperparameters)
        let config = try ModelConfig.load(model, classCount: 2)
        let network = try DetectionModel(config: config)
        let ema = try ModelEMA(model: network, shadow: try DetectionModel(config: config))
        let schedule = TrainingSchedule(epochs: 1, batchesPerEpoch: settings.iterations,
                                        batchSize: settings.batchSize)
        let optimizer = try ParameterGroups.split(module: network)
            .makeOptimizer(schedule: schedule)
        var gains = LossHyperparameters.scaledForTraining(
            box: hyp.boxLossGain, objectness: hyp.objectLossGain,
            classification: hyp.classLossGain, classCount: 2, imageSize: batch.imageSize,
            levelCount: network.strides.count)
        gains.anchorRatioThreshold = hyp.anchorThreshold
        let loss = try DetectionLoss(classCount: 2, anchors: network.head.anchors,
                                     hyperparameters: gains)
        let targets = try Tensor(batch.labelRows,
                                 shape: [batch.labelCount, DetectionBatch.labelColumns])
        network.train()

        var samples = [[(wall: Double, cpu: Double)]](repeating: [], count: Self.steps.count)
        for iteration in 0..<(warmup + timed) {
            try optimizer.apply(schedule.settings(epoch: 0, batchIndex: iteration))
            var clock = StepClock()
            let images = try batch.pixels.withUnsafeBytes { raw in
                try Tensor(bytes: raw, shape: [batch.imageCount, 3, batch.imageSize,
                                               batch.imageSize], dtype: .uint8)
            }.to(dtype: .float32) / 255.0
            let input = clock.lap()
            let output = try network.forward(images)
            let forward = clock.lap()
            let total = try loss(predictions: output.raw, targets: targets).total
            let lossTime = clock.lap()
            try total.backward()
            let backward = clock.lap()
            _ = try GradientClipping.clip(network.parameters())
            try optimizer.step()
            try optimizer.zeroGrad()
            let step = clock.lap()
            try ema.update(from: network)
            let average = clock.lap()
            guard iteration >= warmup else { continue }
            for (index, lap) in [input, forward, lossTime, backward, step, average].enumerated() {
                samples[index].append(lap)
            }
        }
        return StepTimes(wall: samples.map { median($0.map(\.wall)) },
                         cpu: samples.map { median($0.map(\.cpu)) })
    }
}

extension StepBreakdown {
    /// The reference side on the batch `saveBatch` wrote.
    func reference(_ model: String, imageSize: Int, threads: Int, warmup: Int, timed: Int,
                   python: String) throws -> StepTimes
    {
        let script = settings.work + "/reference-steps.py"
        try ReferenceStepScript.source.write(toFile: script, atomically: true, encoding: .utf8)
        let log = settings.work + "/steps-\(model)-\(imageSize)-t\(threads).log"
        try runReference(
            python: python,
            [script, model, String(imageSize), String(settings.batchSize), String(threads),
             String(warmup), String(timed), hyperparameters, batchPath(imageSize, "pixels"),
             batchPath(imageSize, "labels")],
            threads: threads, folder: settings.work, log: log)
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        guard let last = lines.last,
              let object = try JSONSerialization.jsonObject(with: Data(last.utf8))
                as? [String: [Double]],
              let wall = object["wall_ms"], let cpu = object["cpu_ms"]
        else {
            throw BenchmarkFailure("reference step times missing from \(log)")
        }
        return StepTimes(wall: wall, cpu: cpu)
    }

    /// Markdown rows: one per step, then the sum.
    static func table(ours: StepTimes, reference: StepTimes?) -> String {
        var lines = ["| step | ours ms | ours CPU ms | reference ms | reference CPU ms "
                        + "| ours / reference |",
                     "| --- | --- | --- | --- | --- | --- |"]
        let names = steps + ["sum"]
        let total = { (times: [Double]) in times + [times.reduce(0, +)] }
        let ourWall = total(ours.wall), ourCPU = total(ours.cpu)
        let referenceWall = reference.map { total($0.wall) }
        let referenceCPU = reference.map { total($0.cpu) }
        for index in names.indices {
            let referenceCells = referenceWall.map { wall in
                String(format: "%.1f | %.1f | %.2f", wall[index], referenceCPU?[index] ?? .nan,
                       ourWall[index] / wall[index])
            } ?? "- | - | -"
            lines.append("| \(names[index]) | " + String(format: "%.1f | %.1f | ", ourWall[index],
                                                        ourCPU[index]) + referenceCells + " |")
        }
        return lines.joined(separator: "\n")
    }
}

/// Wall and process-CPU milliseconds since the previous lap.
struct StepClock {
    private var wall = DispatchTime.now().uptimeNanoseconds
    private var cpu = StepClock.processCPUMilliseconds()

    mutating func lap() -> (wall: Double, cpu: Double) {
        let wallNow = DispatchTime.now().uptimeNanoseconds
        let cpuNow = Self.processCPUMilliseconds()
        defer { (wall, cpu) = (wallNow, cpuNow) }
        return (Double(wallNow - wall) / 1e6, cpuNow - cpu)
    }

    static func processCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
    }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return .nan }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
