import Foundation
import Testing

@testable import ONNXSupport
@testable import YOLOExport

/// The libonnx shim on small hand-built graphs: building, checking, atomic writing and
/// reading back. No YOLO weights involved.
@Suite struct ONNXModelTests {
    /// A 1x1 convolution followed by SiLU (Sigmoid, Mul): the smallest graph shaped like
    /// the exporter's output, with contract names and metadata.
    static func smallModel(brokenInput: Bool = false) throws -> ONNXModel {
        let model = try ONNXModel(graphName: "small", irVersion: 7, producerName: "tests",
                                  producerVersion: "0")
        try model.importOpset(version: 12)
        try model.setMetadata("stride", "32")
        try model.addValue(.input, name: "images", type: .float,
                           shape: [.fixed(1), .fixed(3), .fixed(32), .fixed(32)])
        try model.addValue(.output, name: "output0", type: .float,
                           shape: [.fixed(1), .fixed(2), .fixed(32), .fixed(32)])
        let builder = ONNXGraphBuilder(model: model, precision: .float32)
        let weight = try builder.initializer("w", values: [Float](repeating: 0.5, count: 6),
                                             shape: [2, 3, 1, 1])
        let convolution = try builder.node(
            "Conv", scope: "layer", inputs: [brokenInput ? "missing" : "images", weight],
            attributes: [.ints("kernel_shape", [1, 1])])
        let gate = try builder.node("Sigmoid", scope: "layer", inputs: [convolution])
        try builder.node("Mul", scope: "layer", inputs: [convolution, gate], output: "output0")
        return model
    }

    @Test func writesAndReadsBack() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("small.onnx").path
        let model = try Self.smallModel()
        try model.check()
        let size = try model.write(to: path)
        #expect(size > 0)
        let summary = try ONNXModel(contentsOf: path).summary()
        #expect(summary.irVersion == 7)
        #expect(summary.opset == 12)
        #expect(summary.nodeOperators == ["Conv", "Sigmoid", "Mul"])
        #expect(summary.nodeNames == ["layer/Conv", "layer/Sigmoid", "layer/Mul"])
        #expect(summary.inputs.first?.shape == [.fixed(1), .fixed(3), .fixed(32), .fixed(32)])
        #expect(summary.outputs.first?.name == "output0")
        #expect(summary.metadataValue("stride") == "32")
        #expect(summary.initializers.first?.type == .float)
        #expect(summary.initializers.first?.elementCount == 6)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["small.onnx"])
    }

    @Test func checkerFailureKeepsThePreviousFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("model.onnx").path
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
        let broken = try Self.smallModel(brokenInput: true)
        #expect(throws: ONNXError.self) { try broken.check() }
        let error = #expect(throws: ONNXError.self) { try broken.write(to: path) }
        #expect(error?.description.contains("missing") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["model.onnx"])
    }

    @Test func shapeInferenceCatchesAWrongOutputShape() throws {
        let model = try ONNXModel(graphName: "wrong", irVersion: 7, producerName: "tests",
                                  producerVersion: "0")
        try model.importOpset(version: 12)
        try model.addValue(.input, name: "images", type: .float, shape: [.fixed(1), .fixed(4)])
        try model.addValue(.output, name: "output0", type: .float, shape: [.fixed(1), .fixed(5)])
        try model.addNode("Sigmoid", name: "s", inputs: ["images"], outputs: ["output0"])
        let error = #expect(throws: ONNXError.self) { try model.check() }
        #expect(error?.message.contains("shape inference") == true)
    }

    @Test func unwritableFolderIsAnError() throws {
        let model = try Self.smallModel()
        let error = #expect(throws: ONNXError.self) {
            try model.write(to: "/nonexistent-folder/model.onnx")
        }
        #expect(error?.description.contains("/nonexistent-folder") == true)
    }

    @Test func readingGarbageIsAnError() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("junk.onnx").path
        try Data([0xff, 0xff, 0xff, 0x01]).write(to: URL(fileURLWithPath: path))
        #expect(throws: ONNXError.self) { _ = try ONNXModel(contentsOf: path) }
        #expect(throws: ONNXError.self) { _ = try ONNXModel(contentsOf: folder.path + "/none") }
    }

    @Test func supportedVersionsCoverOpsetSeventeen() throws {
        let versions = try ONNXModel.supportedVersions()
        #expect(versions.irVersion >= 8)
        #expect(versions.opset >= 17)
    }
}
