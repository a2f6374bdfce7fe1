import Foundation
import MaskFaceTraining
import Synchronization
import Testing
import YOLO

/// Options for a quick CPU run on the tiny dataset: 64 px, batch 4, one thread so that
/// runs are bit-for-bit repeatable.
func tinyOptions(data: String, project: String, epochs: Int = 2) -> TrainingOptions {
    var options = TrainingOptions(data: data + "/data.yaml")
    options.epochs = epochs
    options.batchSize = 4
    options.imageSize = 64
    options.workers = 2
    options.threads = 1
    options.project = project
    options.hyperparameters = repositoryRoot + "/configs/hyps/scratch-low.yaml"
    options.modelConfig = repositoryRoot + "/configs/models/yolov5n.yaml"
    return options
}

@Suite("Training runs", .serialized)
struct TrainerTests {
    @Test func tinyRunLowersTheLossAndWritesEveryArtefact() throws {
        let data = try tinyKaggleDataset()
        let project = try temporaryFolder("runs")
        var options = tinyOptions(data: data, project: project, epochs: 3)
        options.name = "tiny"
        var batchLosses: [Double] = []
        let trainer = try Trainer(options: options) { event in
            if case .batch(let progress) = event, progress.batch == 0 {
                batchLosses.append(progress.meanLosses.reduce(0, +))
            }
        }
        let outcome = try trainer.run()

        #expect(outcome.epochsCompleted == 3 && !outcome.wasInterrupted)
        let rows = try ResultsFile.read(from: outcome.runFolder + "/results.csv")
        #expect(rows.map(\.epoch) == [0, 1, 2])
        let first = rows[0].trainBoxLoss + rows[0].trainObjectnessLoss + rows[0].trainClassLoss
        let last = rows[2].trainBoxLoss + rows[2].trainObjectnessLoss + rows[2].trainClassLoss
        #expect(last < first, "epoch losses \(first) -> \(last)")
        for file in ["args.yaml", "hyp.yaml", "results.csv", "results.png",
                     "confusion_matrix.png", "PR_curve.png", "weights/last.safetensors",
                     "weights/best.safetensors"] {
            let path = "\(outcome.runFolder)/\(file)"
            #expect(FileManager.default.fileExists(atPath: path), "\(file)")
        }
        let best = try DetectionModel.load(outcome.bestWeights)
        #expect(best.classNames == ["mask", "nomask"] && best.weightsSource == "ema")
    }

    @Test func interruptedAndResumedRunMatchesAnUninterruptedOne() throws {
        let data = try tinyKaggleDataset()
        let project = try temporaryFolder("runs")
        // Both runs start from the same saved weights: libtorch's global random generator,
        // which initialises fresh models, is shared with suites running in parallel.
        let initial = project + "/initial.safetensors"
        try DetectionModel(configNamed: "yolov5n", classCount: 2,
                           configFolder: repositoryRoot + "/configs/models")
            .save(to: initial, classNames: ["mask", "nomask"], imageSize: 64)
        var straight = tinyOptions(data: data, project: project)
        straight.weights = initial
        straight.name = "straight"
        let reference = try Trainer(options: straight).run()

        var stopped = tinyOptions(data: data, project: project)
        stopped.weights = initial
        stopped.name = "stopped"
        let batches = Mutex(0)
        // Stop after the first batch of the second epoch (two batches per epoch).
        let interrupted = try Trainer(options: stopped, observe: { event in
            if case .batch = event { batches.withLock { $0 += 1 } }
        }, shouldStop: { batches.withLock { $0 } == 3 }).run()
        #expect(interrupted.wasInterrupted && interrupted.epochsCompleted == 1)

        let resumed = try Trainer(resuming: RunFolder(existing: interrupted.runFolder)).run()
        #expect(resumed.epochsCompleted == 2 && !resumed.wasInterrupted)
        let expected = try ResultsFile.read(from: reference.runFolder + "/results.csv")
        let actual = try ResultsFile.read(from: resumed.runFolder + "/results.csv")
        #expect(actual.count == expected.count)
        for (mine, theirs) in zip(actual, expected) {
            for (value, target) in zip(mine.values, theirs.values) {
                #expect(abs(value - target) <= 1e-4 * max(abs(target), 1e-3),
                        "epoch \(mine.epoch): \(mine.values) vs \(theirs.values)")
            }
        }
    }

    @Test func badRunInputsGiveOneClearError() throws {
        let data = try tinyKaggleDataset()
        let project = try temporaryFolder("runs")

        // A truncated last checkpoint.
        var options = tinyOptions(data: data, project: project, epochs: 1)
        options.name = "cut"
        let outcome = try Trainer(options: options).run()
        let last = outcome.lastWeights
        let bytes = try Data(contentsOf: URL(fileURLWithPath: last))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: last))
        let truncated = #expect(throws: (any Error).self) {
            try Trainer(resuming: RunFolder(existing: outcome.runFolder))
        }
        #expect("\(truncated.map { "\($0)" } ?? "")".contains(last))

        // Weights for another class count.
        let threeClasses = try DetectionModel(configNamed: "yolov5n", classCount: 3,
                                              configFolder: repositoryRoot + "/configs/models")
        let weights = project + "/three.safetensors"
        try threeClasses.save(to: weights, classNames: ["a", "b", "c"], imageSize: 64)
        var evaluation = EvaluationOptions(weights: weights, data: data)
        evaluation.imageSize = 64
        let mismatch = #expect(throws: TrainingRunError.self) { try Evaluation.run(evaluation) }
        #expect(mismatch?.description.hasPrefix(
            "\(weights): the weights detect 3 classes (a, b, c) but the dataset") == true)

        // An empty validation split.
        try "".write(toFile: data + "/val.txt", atomically: true, encoding: .utf8)
        let empty = #expect(throws: TrainingRunError.self) {
            try Trainer(options: tinyOptions(data: data, project: project))
        }
        #expect(empty?.description == "\(data)/val.txt: the val split is empty")
    }
}
