import Foundation
import Testing
import Torch
@testable import YOLO

/// Weights in and out: ultralytics `.pt`, plain safetensors, MaskFace checkpoints.
@Suite struct WeightsTests {
    /// A fresh folder for files a test writes.
    static func scratchFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("yolo-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func expectSameState(_ a: DetectionModel, _ b: DetectionModel) throws {
        let left = a.stateDict()
        let right = b.stateDict()
        #expect(left.names == right.names)
        for (name, tensor) in left {
            let other = try #require(right[name])
            #expect(try maxAbsoluteDifference(tensor.to(dtype: .float64),
                                              other.to(dtype: .float64)) == 0, "\(name)")
        }
    }

    @Test func seedCheckpointEqualsTheSafetensorsFixture() throws {
        let loaded = try DetectionModel.load(ReferenceFixtures.seedCheckpoint)
        #expect(loaded.kind == .ultralytics)
        #expect(loaded.weightsSource == "model")
        #expect(loaded.classNames == ["mask", "nomask"])
        #expect(loaded.model.classCount == 2)
        #expect(loaded.model.strides == [8, 16, 32])
        #expect(loaded.model.stateDict().count == 349)
        try Self.expectSameState(loaded.model, try ReferenceFixtures.seedModel())
    }

    @Test func trainedCheckpointSurvivesOurCheckpointFormat() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let original = try DetectionModel.load(ReferenceFixtures.trainedCheckpoint)
        #expect(original.classNames == ["mask", "nomask"])
        #expect(original.imageSize == 320)
        let path = folder + "/best.safetensors"
        try original.model.save(to: path, classNames: original.classNames, imageSize: 320)
        let reloaded = try DetectionModel.load(path)
        #expect(reloaded.kind == .checkpoint)
        #expect(reloaded.classNames == original.classNames)
        try Self.expectSameState(original.model, reloaded.model)

        try Torch.manualSeed(7)
        let images = try Tensor.rand([1, 3, 160, 160])
        let first = try original.model.predict(images)
        let second = try reloaded.model.predict(images)
        #expect(try maxAbsoluteDifference(try #require(first.decoded),
                                          try #require(second.decoded)) == 0)
    }

    @Test func plainStateDictRoundTrip() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = try ReferenceFixtures.seedModel()
        let path = folder + "/weights.safetensors"
        try model.saveStateDict(to: path)
        #expect(try WeightsFile.kind(of: path) == .stateDict)
        let copy = try DetectionModel(config: model.config)
        try copy.loadWeights(from: path)
        try Self.expectSameState(model, copy)
        let loaded = try DetectionModel.load(path, config: model.config)
        try Self.expectSameState(model, loaded.model)
        #expect(throws: ModelWeightsError.self) { try DetectionModel.load(path) }
    }

    @Test func checkpointKeepsTrainingState() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = try ReferenceFixtures.seedModel()
        var checkpoint = model.checkpoint(classNames: ["mask", "nomask"], imageSize: 320)
        checkpoint.ema = model.stateDict()
        checkpoint.optimizer = ["momentum.model.0.conv.weight": try Tensor.ones([16, 3, 6, 6])]
        checkpoint.training = ["epoch": "3", "best_fitness": "0.25"]
        let path = folder + "/last.safetensors"
        try checkpoint.write(to: path)

        let read = try ModelCheckpoint.read(from: path)
        #expect(read.model.names == model.stateDict().names)
        #expect(read.ema?.names == model.stateDict().names)
        #expect(read.optimizer?.names == ["momentum.model.0.conv.weight"])
        #expect(read.training == ["epoch": "3", "best_fitness": "0.25"])
        #expect(read.imageSize == 320)
        #expect(read.modelYAML == model.config.yamlText)
        let loaded = try DetectionModel.load(path)
        #expect(loaded.weightsSource == "ema")
        try Self.expectSameState(model, loaded.model)
    }

    @Test func truncatedCheckpointIsRefusedInOneLine() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let model = try ReferenceFixtures.seedModel()
        let path = folder + "/cut.safetensors"
        try model.save(to: path, classNames: ["mask", "nomask"], imageSize: 320)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: ModelWeightsError.self) {
            try DetectionModel.load(path)
        }
        #expect(error.description.hasPrefix(path + ": "))
        #expect(!error.description.contains("\n"))
        #expect(throws: ModelWeightsError.self) { try ModelCheckpoint.read(from: path) }

        // Cut inside the header: still reported as a damaged file, not as a state dict.
        try data.prefix(100).write(to: URL(fileURLWithPath: path))
        let headerError = try #require(throws: ModelWeightsError.self) {
            try DetectionModel.load(path)
        }
        #expect(headerError.problem.hasPrefix("truncated file"), "\(headerError)")
    }

    @Test func classCountMismatchSaysWhatDiffers() throws {
        let model = try DetectionModel(configNamed: "yolov5n", classCount: 80,
                                       configFolder: modelConfigFolder)
        let path = ReferenceFixtures.trainedCheckpoint
        let error = try #require(throws: ModelWeightsError.self) {
            try model.loadWeights(from: path)
        }
        #expect(error.description == "\(path): checkpoint has nc=2 (detection head 21 "
                + "channels) but the model was built for nc=80 (255)")
    }

    @Test func architectureMismatchNamesTheFirstDifference() throws {
        let model = try DetectionModel(configNamed: "yolov5s", classCount: 2,
                                       configFolder: modelConfigFolder)
        let error = try #require(throws: ModelWeightsError.self) {
            try model.loadWeights(from: ReferenceFixtures.stateDict)
        }
        #expect(error.problem == "'model.0.conv.weight' is [16, 3, 6, 6] in the state dict "
                + "but [32, 3, 6, 6] in the model (yolov5s)")
    }

    @Test func fusedModelLoadsUnfusedWeights() throws {
        let reference = try ReferenceFixtures.seedModel(fused: true)
        let fused = try DetectionModel(config: reference.config, fused: true)
        try fused.loadWeights(from: ReferenceFixtures.seedCheckpoint)
        try Self.expectSameState(reference, fused)
        #expect(throws: ModelWeightsError.self) {
            try fused.save(to: "/tmp/unused.safetensors", classNames: ["a", "b"],
                           imageSize: 320)
        }
    }
}
