import Foundation
import MaskFaceCLI
import ONNXSupport
import Synchronization
import Testing
import YOLOExport

/// `maskface export` end to end: the summary line, one error line per bad input, exit
/// status 1 for failures and 2 for a wrong command line, and the previous file kept.
@Suite(.serialized) struct ExportCommandTests {
    static func run(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        let output = Mutex(""), errors = Mutex("")
        let context = CommandContext(
            write: { text in output.withLock { $0 += text } },
            writeError: { text in errors.withLock { $0 += text } },
            environment: ["HOME": "/nonexistent"])
        let status = CLI.main(["export"] + arguments, context: context)
        return (status, output.withLock { $0 }, errors.withLock { $0 })
    }

    static let weights = Fixtures.path("yolov5n-seed0.pt")

    @Test func printsOneSummaryLine() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("seed0.onnx").path
        let result = Self.run(["--weights", Self.weights, "--img", "160", "--output", path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "wrote \(path) (7.2 MB): images [1, 3, 160, 160] -> output0 "
                + "[1, 1575, 7], 224 nodes, opset 12 (IR 7), float32\n")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func plainStateDictNeedsConfigAndTakesNames() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("state.onnx").path
        let stateDict = Fixtures.path("yolov5n-seed0_state_dict.safetensors")
        let refused = Self.run(["--weights", stateDict, "--img", "160", "--output", path])
        #expect(refused.status == 1)
        let result = Self.run(["--weights", stateDict, "--cfg", "yolov5n", "--names",
                               "mask,nomask", "--img", "160", "--output", path])
        #expect(result.status == 0, "\(result.errors)")
        let summary = try ONNXModel(contentsOf: path).summary()
        #expect(summary.metadataValue("names") == "{0: 'mask', 1: 'nomask'}")
    }

    @Test(arguments: [
        (["--img", "100"], Int32(2), "not a positive multiple of 32"),
        (["--opset", "9"], 2, "opset 9 is not supported"),
        (["--img", "abc"], 2, "--img expects an integer"),
        (["--weights", "/nonexistent/weights.pt"], 1, "no such file"),
        (["--weights", "TRUNCATED"], 1, "truncated"),
        (["--output", "/nonexistent-folder/model.onnx"], 1, "cannot create a file in"),
    ])
    func badInputsGiveOneErrorLine(arguments: [String], status: Int32, message: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let truncated = folder.appendingPathComponent("truncated.pt")
        let whole = try Data(contentsOf: URL(fileURLWithPath: Self.weights))
        try whole.prefix(whole.count / 2).write(to: truncated)
        let output = folder.appendingPathComponent("out.onnx").path
        let given = arguments.map { $0 == "TRUNCATED" ? truncated.path : $0 }
        var full = ["--weights", Self.weights, "--img", "160", "--output", output]
        for pair in stride(from: 0, to: given.count, by: 2) {
            if let index = full.firstIndex(of: given[pair]) {
                full[index + 1] = given[pair + 1]
            } else {
                full += [given[pair], given[pair + 1]]
            }
        }
        let result = Self.run(full)
        #expect(result.status == status)
        #expect(result.errors.hasPrefix("error: ") && result.errors.contains(message),
                "\(result.errors)")
        #expect(result.errors.split(separator: "\n").count == 1)
        #expect(result.output.isEmpty)
    }

    @Test func failedExportKeepsThePreviousFile() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("model.onnx").path
        try Data("previous".utf8).write(to: URL(fileURLWithPath: path))
        let refused = Self.run(["--weights", Self.weights, "--img", "100", "--output", path])
        #expect(refused.status == 2)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        // A folder in the way makes the final rename fail after the file was written and
        // checked: the folder stays and no temporary file is left behind.
        let blocked = folder.appendingPathComponent("blocked.onnx")
        try FileManager.default.createDirectory(
            at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let failed = Self.run(["--weights", Self.weights, "--img", "160", "--output",
                               blocked.path])
        #expect(failed.status == 1)
        #expect(failed.errors.contains("cannot move the new model to"))
        let entries = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(entries == ["blocked.onnx", "model.onnx"])
    }
}
