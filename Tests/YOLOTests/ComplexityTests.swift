import Foundation
import Testing
@testable import YOLO

/// Parameter counts, layer counts and GFLOPs against arch.json (README section 1), which
/// holds YOLOv5's own figures for yolov5n and yolov5s at nc=2.
@Suite struct ComplexityTests {
    /// The numeric fields of one model's entry in arch.json.
    struct Figures {
        let parameters: Int
        let layers: Int
        let fusedParameters: Int
        let fusedLayers: Int
        let gflops: [Int: Double]
        let fusedGflops640: Double
        let rowParameters: [Int]

        init(_ name: String) throws {
            let url = URL(fileURLWithPath: referenceFolder + "/arch.json")
            let all = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
            let entry = try #require((all as? [String: Any])?[name] as? [String: Any])
            let fused = try #require(entry["fused"] as? [String: Any])
            let modules = try #require(entry["modules"] as? [[String: Any]])
            parameters = try #require(entry["parameters"] as? Int)
            layers = try #require(entry["layers"] as? Int)
            fusedParameters = try #require(fused["parameters"] as? Int)
            fusedLayers = try #require(fused["layers"] as? Int)
            fusedGflops640 = try #require(fused["gflops_640"] as? Double)
            gflops = [
                640: try #require(entry["gflops_direct_640"] as? Double),
                320: try #require(entry["gflops_320"] as? Double),
                160: try #require(entry["gflops_160"] as? Double),
            ]
            rowParameters = modules.compactMap { $0["params"] as? Int }
        }
    }

    static func relativeDifference(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / abs(b)
    }

    @Test(arguments: ["yolov5n", "yolov5s"])
    func countsMatchTheReference(name: String) throws {
        let figures = try Figures(name)
        let config = try ModelConfig.load(name, classCount: 2, configFolder: modelConfigFolder)
        let summary = try ModelSummary(config: config, imageSize: 640)
        #expect(summary.unfused.parameters == figures.parameters)
        #expect(summary.fused.parameters == figures.fusedParameters)
        #expect(summary.unfused.layers == figures.layers)
        #expect(summary.fused.layers == figures.fusedLayers)
        #expect(summary.rows.map(\.parameters) == figures.rowParameters)
        #expect(Self.relativeDifference(summary.unfused.gflops, figures.gflops[640] ?? 0)
                < 1e-6)
        #expect(Self.relativeDifference(summary.fused.gflops, figures.fusedGflops640) < 1e-6)
        for size in [320, 160] {
            let complexity = ModelComplexity(config: config, fused: false)
            #expect(Self.relativeDifference(try complexity.gflops(imageSize: size),
                                            figures.gflops[size] ?? 0) < 1e-6, "\(size)")
        }
    }

    @Test func referenceFiguresForYOLOv5n() throws {
        let config = try ModelConfig.load("yolov5n", classCount: 2,
                                          configFolder: modelConfigFolder)
        let model = try DetectionModel(config: config)
        #expect(model.parameterCount == 1_766_623)
        #expect(abs(try model.gflops(imageSize: 640) - 4.2285056) < 4.2285056e-6)
        #expect(abs(try model.gflops(imageSize: 640, fused: true) - 4.133888) < 4.133888e-6)
        #expect(abs(try model.gflops(imageSize: 320) - 1.0571264) < 1.0571264e-6)
        #expect(model.stateDict().count == 349)
    }
}
