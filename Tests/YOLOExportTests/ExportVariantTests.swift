import Foundation
import MaskFaceVision
import Testing
import Torch
import YOLO

@testable import ONNXSupport
@testable import YOLOExport

/// Other opsets, float16 and dynamic axes at 160 px: what the checker accepts and what
/// OpenCV DNN 4.6 loads.
@Suite(.serialized) struct ExportVariantTests {
    static func seedModel() throws -> LoadedModel {
        try Torch.setThreadCount(2)
        return try DetectionModel.load(Fixtures.path("yolov5n-seed0.pt"))
    }

    static func export(_ loaded: LoadedModel, _ options: ExportOptions, in folder: URL) throws
        -> (path: String, summary: ONNXModelSummary)
    {
        let path = folder.appendingPathComponent("model.onnx").path
        _ = try YOLOExporter.export(model: loaded.model, classNames: loaded.classNames, to: path,
                                    options: options)
        return (path, try ONNXModel(contentsOf: path).summary())
    }

    /// Opsets 11-17 use the same node forms; OpenCV DNN 4.6 loads all of them.
    @Test(arguments: [(11, 7), (13, 7), (17, 8)])
    func otherOpsetsLoadInOpenCV(opset: Int, irVersion: Int) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try Self.seedModel()
        let (path, summary) = try Self.export(loaded, ExportOptions(imageSize: 160, opset: opset),
                                              in: folder)
        #expect((summary.opset, summary.irVersion) == (opset, irVersion))
        let images = try ExportGoldenTests.inputs(size: 160)
        let ours = try #require(try loaded.model.fused().predict(images).decoded)
        let output = try DNNNetwork(onnxPath: path).run(try singleImage(images, 0))
        let difference = DecodedDifference(output.values, try singleImage(ours, 0).values,
                                           columns: 7)
        #expect(difference.isWithinForwardBounds, "\(difference)")
    }

    /// Float16 weights with float32 input and output. OpenCV DNN 4.6 refuses FLOAT16
    /// initializers ("Unsupported data type: FLOAT16"), so the file is for other runtimes.
    @Test func halfPrecisionPassesTheCheckerButNotOpenCV() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, summary) = try Self.export(
            try Self.seedModel(), ExportOptions(imageSize: 160, precision: .float16), in: folder)
        _ = try ONNXContract.describe(summary)
        let weights = summary.initializers.filter { $0.name.hasSuffix(".weight") }
        #expect(!weights.isEmpty && weights.allSatisfy { $0.type == .float16 })
        #expect(summary.nodeOperators.first == "Cast" && summary.nodeOperators.last == "Cast")
        #expect(throws: VisionError.self) { _ = try DNNNetwork(onnxPath: path) }
    }

    /// Named dynamic axes; the grid is built from the feature map's shape at run time,
    /// which OpenCV DNN 4.6 cannot import (`parseShape`: `!isDynamicShape`).
    @Test func dynamicAxesAreNamedButOpenCVRefusesThem() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, summary) = try Self.export(
            try Self.seedModel(), ExportOptions(imageSize: 160, dynamic: true), in: folder)
        let description = try ONNXContract.describe(summary)
        #expect(description.isDynamic && description.rowCount == nil)
        #expect(summary.inputs.first?.shape
                == [.named("batch"), .fixed(3), .named("height"), .named("width")])
        #expect(summary.outputs.first?.shape == [.named("batch"), .named("anchors"), .fixed(7)])
        #expect(throws: VisionError.self) { _ = try DNNNetwork(onnxPath: path) }
    }

    @Test func classNamesMustMatchTheModel() throws {
        let loaded = try Self.seedModel()
        #expect(throws: ExportError.self) {
            _ = try YOLOExporter.makeONNXModel(model: loaded.model, classNames: ["mask"],
                                               options: ExportOptions(imageSize: 160))
        }
    }

    @Test(arguments: [0, 100, 330, -32])
    func sizesThatAreNotMultiplesOf32AreRefused(size: Int) {
        #expect(throws: ExportError.self) { try ExportOptions(imageSize: size).validate() }
    }

    @Test(arguments: [10, 18])
    func unsupportedOpsetsAreRefused(opset: Int) {
        #expect(throws: ExportError.self) { try ExportOptions(opset: opset).validate() }
    }
}
