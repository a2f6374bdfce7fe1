import Foundation
import MaskFaceCore
import Testing
@testable import YOLO

/// Building models from files: errors reach the caller as one line with file, line and
/// problem, and the summary prints both variants' totals.
@Suite struct ModelBuildTests {
    /// yolov5n.yaml with `original` replaced, written to a temporary file.
    static func brokenModelFile(_ original: String, _ replacement: String) throws -> String {
        let text = try String(contentsOfFile: modelConfigFolder + "/yolov5n.yaml",
                              encoding: .utf8)
        let broken = text.replacingOccurrences(of: original, with: replacement)
        #expect(broken != text)
        let path = NSTemporaryDirectory() + "model-\(UUID().uuidString).yaml"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [
        ("[-1, 1, Conv, [128, 3, 2]]", "[-1, 1, Conv, [128, 3, 2]", 29,
         "did not find expected ',' or ']'"),
        ("[-1, 3, C3, [128]]", "[-1, 3, C4, [128]]", 19, "layer 2: unknown module 'C4'"),
        ("[[-1, 6], 1, Concat", "[[-1, 26], 1, Concat", 32,
         "layer 12: 'from' index 26 does not name an earlier layer"),
    ])
    func buildErrorsNameFileLineAndProblem(original: String, replacement: String, line: Int,
                                           problem: String) throws {
        let path = try Self.brokenModelFile(original, replacement)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: YAMLError.self) {
            try DetectionModel(configNamed: path, classCount: 2)
        }
        #expect(error.description.hasPrefix("\(path):\(line):"))
        #expect(error.description.contains(problem), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test func detectInTheMiddleIsRefused() throws {
        let path = try Self.brokenModelFile("[-1, 1, SPPF, [1024, 5]]",
                                            "[[4, 6, 8], 1, Detect, [nc, anchors]]")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: ModelBuildError.self) {
            try DetectionModel(configNamed: path, classCount: 2)
        }
        #expect(error.description == "layer 9: Detect is only allowed as the last row of "
                + "the model file")
    }

    @Test func summaryPrintsUnfusedAndFusedTotals() throws {
        let config = try ModelConfig.load("yolov5n", classCount: 2,
                                          configFolder: modelConfigFolder)
        let lines = try ModelSummary(config: config, imageSize: 640).lines
        #expect(lines.count == 1 + 25 + 2)
        #expect(lines[1].hasPrefix("0 "))
        #expect(lines[1].hasSuffix("models.common.Conv                      [3, 16, 6, 2, 2]"))
        #expect(lines[lines.count - 2] == "yolov5n summary: 214 layers, 1766623 parameters, "
                + "4.2285056 GFLOPs at 640x640 (4.2)")
        #expect(lines[lines.count - 1] == "yolov5n fused: 157 layers, 1761871 parameters, "
                + "4.133888 GFLOPs at 640x640 (4.1)")
    }
}
