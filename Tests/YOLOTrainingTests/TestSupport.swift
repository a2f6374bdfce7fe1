import Foundation
import Testing

@testable import Torch

/// The repository's shared reference fixtures: `<repo>/../shared/fixtures/reference`, made
/// with ultralytics YOLOv5 v7.0 (see that folder's README).
func referenceFixtureFolder(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath)
        .deletingLastPathComponent()  // YOLOTrainingTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/reference")
}

/// A JSON fixture file as nested dictionaries and arrays.
func fixtureJSON(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: referenceFixtureFolder().appendingPathComponent(name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// The tensors of a safetensors fixture file.
func fixtureTensors(_ name: String) throws -> NamedTensors {
    try SafeTensors.read(referenceFixtureFolder().appendingPathComponent(name)).tensors
}

/// JSON numbers as doubles (NSNumber bridges both integers and reals).
func doubles(_ value: Any?) throws -> [Double] {
    let numbers = try #require(value as? [NSNumber])
    return numbers.map(\.doubleValue)
}

func integers(_ value: Any?) throws -> [Int] {
    let numbers = try #require(value as? [NSNumber])
    return numbers.map(\.intValue)
}

func rows(_ value: Any?) throws -> [[Double]] {
    let list = try #require(value as? [Any])
    return try list.map { try doubles($0) }
}

/// The fixture model's anchors in grid units, `[3][3]` of `(w, h)`, from the state dict.
func fixtureAnchors() throws -> Tensor {
    let state = try fixtureTensors("yolov5n-seed0_state_dict.safetensors")
    return try #require(state["model.24.anchors"]).to(dtype: .float32)
}

/// Largest absolute difference between two equally long arrays.
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
}

/// Records the largest difference seen per check, for the test log.
func note(_ label: String, _ difference: Double) {
    print(String(format: "[fixture] %@: max |diff| %.3g", label, difference))
}
