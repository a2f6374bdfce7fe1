import Foundation
import MaskFaceCore
import Testing
@testable import YOLO

let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let referenceFolder = repositoryRoot + "/../shared/fixtures/reference"
let modelConfigFolder = repositoryRoot + "/configs/models"

/// A JSON value printed the way Python prints it, to compare with the reference summary.
enum PythonValue: Decodable, CustomStringConvertible {
    case none, bool(Bool), int(Int), double(Double), string(String), list([PythonValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .none; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Int.self) { self = .int(value); return }
        if let value = try? container.decode(Double.self) { self = .double(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        self = .list(try container.decode([PythonValue].self))
    }

    var description: String {
        switch self {
        case .none: return "None"
        case .bool(let value): return value ? "True" : "False"
        case .int(let value): return String(value)
        case .double(let value): return String(value)
        case .string(let value): return "'\(value)'"
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// One row of the reference model summary (`arch.json` → `modules`).
struct ReferenceModule: Decodable {
    let index: Int
    let from: PythonValue
    let n: Int
    let module: String
    let args: PythonValue
}

struct ReferenceArchitecture: Decodable {
    let modules: [ReferenceModule]
    let save_list: [Int]
}

func referenceArchitecture(_ name: String) throws -> ReferenceArchitecture {
    let data = try Data(contentsOf: URL(fileURLWithPath: referenceFolder + "/arch.json"))
    let all = try JSONDecoder().decode([String: AnyDecodableArchitecture].self, from: data)
    return try #require(all[name]?.architecture)
}

/// Decodes the model entries of arch.json and skips its other top-level keys.
struct AnyDecodableArchitecture: Decodable {
    let architecture: ReferenceArchitecture?
    init(from decoder: Decoder) throws {
        architecture = try? ReferenceArchitecture(from: decoder)
    }
}

@Suite struct ModelConfigTests {
    @Test(arguments: ["yolov5n", "yolov5s"])
    func rowsMatchTheReferenceSummary(name: String) throws {
        let config = try ModelConfig.load(name, classCount: 2, configFolder: modelConfigFolder)
        let reference = try referenceArchitecture(name)

        #expect(config.layers.count == reference.modules.count)
        for (layer, row) in zip(config.layers, reference.modules) {
            let listed = "[\(layer.from.map(String.init).joined(separator: ", "))]"
            let from = layer.from.count == 1 && layer.kind != .detect
                ? String(layer.from[0]) : listed
            #expect(from == row.from.description, "layer \(layer.index)")
            #expect(layer.repeats == row.n, "layer \(layer.index)")
            #expect(layer.kind.referenceName == row.module, "layer \(layer.index)")
            #expect(layer.referenceArguments == row.args.description, "layer \(layer.index)")
        }
        #expect(config.savedOutputs == reference.save_list)
    }

    @Test func classCountOverridesTheFile() throws {
        let config = try ModelConfig.load(modelConfigFolder + "/yolov5n.yaml", classCount: 2)
        #expect(config.classCount == 2)
        #expect(config.layers.last?.outputChannels == 3 * 7)
        let original = try ModelConfig.load(modelConfigFolder + "/yolov5n.yaml")
        #expect(original.classCount == 80)
    }

    @Test(arguments: [
        ("[-1, 1, Conv, [64, 6, 2, 2]]", "[-1, 1, Bogus, [1]]",
         "layer 0: unknown module 'Bogus'"),
        ("[[-1, 6], 1, Concat, [1]]", "[[-1, 30], 1, Concat, [1]]",
         "layer 12: 'from' index 30 does not name an earlier layer"),
        ("[-1, 3, C3, [128]]", "[-1, 3, C3, [128, maybe]]",
         "layer 2: argument 2 expects True or False"),
        ("[-1, 1, SPPF, [1024, 5]]", "[-1, 1, SPPF]",
         "layer 9: a row must be [from, number, module, args]"),
    ])
    func badRowsNameFileLineAndProblem(
        original: String, replacement: String, problem: String
    ) throws {
        let text = try String(contentsOfFile: modelConfigFolder + "/yolov5n.yaml", encoding: .utf8)
        let broken = text.replacingOccurrences(of: original, with: replacement)
        #expect(broken != text)
        let line = try #require(broken.components(separatedBy: "\n")
            .firstIndex(where: { $0.contains(replacement) })) + 1
        let path = NSTemporaryDirectory() + "broken-\(UUID().uuidString).yaml"
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let error = #expect(throws: YAMLError.self) { try ModelConfig.load(path, classCount: 2) }
        #expect(error?.file == path)
        #expect(error?.mark?.line == line)
        #expect(error?.problem.hasPrefix(problem) == true, "\(String(describing: error))")
    }

    @Test func unknownModelNameNamesTheExpectedFile() {
        let error = #expect(throws: YAMLError.self) {
            try ModelConfig.load("yolov5x", configFolder: modelConfigFolder)
        }
        #expect(error?.description.contains("no model named 'yolov5x'") == true)
    }
}
