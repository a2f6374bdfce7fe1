// Golden tests against the reference checkpoints (shared/fixtures/reference/README.md,
// section "The .pt checkpoint"). arch.json and the safetensors file were written by the
// same Python run that saved yolov5n-seed0.pt, so names, order, shapes and bits must match.
import Foundation
import MaskFaceCore
import Testing
@testable import PyTorchArchive

@Suite struct YOLOv5CheckpointTests {
    @Test func seedCheckpointStateDictMatchesArchitectureList() throws {
        let checkpoint = try YOLOv5Checkpoint.load(path: Fixtures.seedCheckpoint)
        let expected = try Fixtures.architectureKeys()
        #expect(expected.count == 349)
        #expect(checkpoint.stateDict.count == 349)
        #expect(checkpoint.stateDict.map(\.name) == expected.map(\.name))
        #expect(checkpoint.stateDict.map(\.tensor.shape) == expected.map(\.shape))
        // arch.json lists the float32 model; the .pt holds it in float16 (see README).
        for (entry, row) in zip(checkpoint.stateDict, expected) {
            let dataType: TensorDataType = row.dtype == "int64" ? .int64 : .float16
            #expect(entry.tensor.dataType == dataType, "\(entry.name)")
        }
        #expect(checkpoint.modelSource == .model)
        #expect("\(checkpoint.modelType)" == "models.yolo.DetectionModel")
    }

    @Test func seedCheckpointValuesAreBitEqualToSafetensors() throws {
        let checkpoint = try YOLOv5Checkpoint.load(path: Fixtures.seedCheckpoint)
        let reference = try SafeTensorsFile.read(Fixtures.seedStateDict)
        #expect(reference.entries.count == checkpoint.stateDict.count)
        for entry in checkpoint.stateDict {
            let stored = try #require(reference[entry.name], "\(entry.name)")
            #expect(stored.shape == entry.tensor.shape, "\(entry.name)")
            let expectedType = entry.tensor.dataType == .int64 ? "I64" : "F16"
            #expect(stored.elementType.rawValue == expectedType)
            #expect([UInt8](stored.bytes) == entry.tensor.bytes, "\(entry.name)")
        }
        // 20 warm-up forwards (README) plus the train-mode forward DetectionModel runs at
        // construction to measure its strides; the safetensors file holds 21 as well.
        let tracked = checkpoint.tensor(named: "model.0.bn.num_batches_tracked")
        #expect(tracked?.integerValues() == [21])
    }

    @Test func seedCheckpointModelAttributes() throws {
        let checkpoint = try YOLOv5Checkpoint.load(path: Fixtures.seedCheckpoint)
        #expect(checkpoint.classCount == 2)
        #expect(checkpoint.classNames == [0: "mask", 1: "nomask"])
        #expect(checkpoint.stride.dataType == .float32)
        #expect(checkpoint.stride.floatValues() == [8, 16, 32])
        #expect(checkpoint.modelConfig["nc"]?.int == 2)
        #expect(checkpoint.modelConfig["depth_multiple"]?.double == 0.33)
        #expect(checkpoint.modelConfig["width_multiple"]?.double == 0.25)
        #expect(checkpoint.modelConfig["anchors"]?.elements?.count == 3)
        #expect(checkpoint.modelConfig["backbone"]?.elements?.count == 10)
        #expect(checkpoint.modelConfig["head"]?.elements?.count == 15)
        #expect(checkpoint.hyperparameters?["lr0"]?.double == 0.01)
        #expect(checkpoint.epoch == -1)
        #expect(checkpoint.bestFitness == nil)
        #expect(checkpoint.trainingOptions?["imgsz"]?.int == 320)
        #expect(checkpoint.parameterDataType == .float16)
    }

    @Test func halfPrecisionWeightsWidenToFloat() throws {
        let checkpoint = try YOLOv5Checkpoint.load(path: Fixtures.seedCheckpoint)
        let weight = try #require(checkpoint.tensor(named: "model.0.conv.weight"))
        let values = try #require(weight.floatValues())
        #expect(values.count == 16 * 3 * 6 * 6)
        #expect(values.allSatisfy { $0.isFinite })
        let firstBits = UInt16(weight.bytes[0]) | UInt16(weight.bytes[1]) << 8
        #expect(values[0] == Float(Float16(bitPattern: firstBits)))
        // Detect's anchors buffer is in grid units: pixel anchors over stride (README).
        let anchors = try #require(checkpoint.tensor(named: "model.24.anchors")?.floatValues())
        #expect(anchors.prefix(2) == [1.25, 1.625])
    }

    @Test func trainRunBestCheckpointLoads() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let checkpoint = try YOLOv5Checkpoint.load(path: Fixtures.bestCheckpoint)
        let elapsed = clock.now - start
        #expect(checkpoint.stateDict.count == 349)
        #expect(checkpoint.stateDict.map(\.name) == (try Fixtures.architectureKeys()).map(\.name))
        #expect(checkpoint.classNames == [0: "mask", 1: "nomask"])
        // train.py strips best.pt after training: EMA weights are moved into 'model'.
        #expect(checkpoint.modelSource == .model)
        #expect(checkpoint.parameterDataType == .float16)
        print("best.pt: \(checkpoint.stateDict.count) tensors from '\(checkpoint.modelSource)',"
            + " \(checkpoint.parameterDataType?.rawValue ?? "?"), loaded in \(elapsed)")
    }

    /// No fixture holds EMA weights (both are stripped), so one is made by moving the model
    /// into 'ema' in the unpickled tree, as an unstripped last.pt would hold it.
    @Test func emaModelIsPreferredOverModel() throws {
        let root = try TorchArchive.load(path: Fixtures.seedCheckpoint)
        let entries = try #require(root.dictionary?.entries)
        let model = try #require(root.dictionary?["model"])
        let swapped = entries.map { entry in
            switch entry.key.string {
            case "ema": PickleDictionary.Entry(key: entry.key, value: model)
            case "model": PickleDictionary.Entry(key: entry.key, value: .none)
            default: entry
            }
        }
        let checkpoint = try YOLOv5Checkpoint(path: "swapped.pt",
                                              root: .dict(PickleDictionary(entries: swapped)))
        #expect(checkpoint.modelSource == .ema)
        #expect(checkpoint.stateDict.count == 349)
        #expect(checkpoint.date == "2022-11-22T00:00:00")
        #expect(checkpoint.emaUpdates == nil)
    }
}
