import Foundation
import Testing
import Torch
@testable import YOLO

/// The reference fixtures (`../shared/fixtures/reference`, see its README): tensors and
/// numbers from ultralytics YOLOv5 v7.0 on libtorch 1.13 with 2 intra-op threads.
enum ReferenceFixtures {
    static let stateDict = referenceFolder + "/yolov5n-seed0_state_dict.safetensors"
    static let forward = referenceFolder + "/yolov5n-seed0_forward.safetensors"
    static let seedCheckpoint = referenceFolder + "/yolov5n-seed0.pt"
    static let trainedCheckpoint = referenceFolder + "/train-run/best.pt"

    /// The forward fixture's tensors: `input`, `raw_eval_i`, `raw_train_i`, `decoded`.
    static func forwardTensors() throws -> NamedTensors {
        try SafeTensors.read(URL(fileURLWithPath: forward)).tensors
    }

    /// yolov5n at nc=2 with the fixture's weights (F16 in the file, float32 here).
    static func seedModel(fused: Bool = false) throws -> DetectionModel {
        try Torch.setThreadCount(2)
        let model = try DetectionModel(configNamed: "yolov5n", classCount: 2,
                                       configFolder: modelConfigFolder)
        try model.loadStateDict(try SafeTensors.read(URL(fileURLWithPath: stateDict)).tensors)
        return fused ? try model.fused() : model
    }
}

/// Largest |a - b| over all elements.
func maxAbsoluteDifference(_ a: Tensor, _ b: Tensor) throws -> Double {
    try (a - b).abs().max().item()
}

/// Checks a decoded `[bs, rows, 5 + nc]` tensor against a reference: objectness and class
/// columns within 1e-4 absolute, box columns (pixels) within 1e-5 relative + 1e-4 absolute
/// (the README's noise floor: fused vs unfused moves boxes by up to 4.9e-4 px at 435 px).
func expectDecodedClose(_ actual: Tensor, _ expected: Tensor,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
    #expect(actual.shape == expected.shape, sourceLocation: sourceLocation)
    let columns = expected.size(2)
    let boxes = try actual.narrow(dim: 2, start: 0, length: 4)
    let expectedBoxes = try expected.narrow(dim: 2, start: 0, length: 4)
    let boxDifference = try maxAbsoluteDifference(boxes, expectedBoxes)
    #expect(try boxes.allClose(expectedBoxes, rtol: 1e-5, atol: 1e-4),
            "box columns differ by up to \(boxDifference) px", sourceLocation: sourceLocation)
    let scores = try actual.narrow(dim: 2, start: 4, length: columns - 4)
    let expectedScores = try expected.narrow(dim: 2, start: 4, length: columns - 4)
    #expect(try maxAbsoluteDifference(scores, expectedScores) <= 1e-4,
            sourceLocation: sourceLocation)
}
