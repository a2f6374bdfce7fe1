import Foundation
import MaskFaceCore
import Testing

/// `../shared` beside the repository: datasets and reference fixtures.
let sharedFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared").path

@Suite struct YAMLReaderTests {
    @Test func readsRoboflowDataYAML() throws {
        let path = "\(sharedFolder)/datasets/mask-wearing-rf-yolo/data.yaml"
        let root = try YAMLReader.read(contentsOf: path)

        #expect(root["nc"]?.int == 2)
        #expect(root["names"]?.items?.compactMap(\.string) == ["Mask", "NO-Mask"])
        #expect(root["train"]?.string == "../Mask_Wearing/train/images")
        #expect(root["roboflow"]?["license"]?.string == "CC BY 4.0")
        #expect(root["roboflow"]?["version"]?.int == 6)
        #expect(root.entries?.map(\.key) == ["train", "val", "test", "nc", "names", "roboflow"])
    }

    @Test func keepsMarksOfNodes() throws {
        let root = try YAMLReader.parse("nc: 2\nnames:\n  - mask\n  - nomask\n")
        #expect(root["nc"]?.mark == YAMLMark(line: 1, column: 5))
        #expect(root["names"]?.items?[1].mark == YAMLMark(line: 4, column: 5))
    }

    @Test func readsYOLOv5ModelRows() throws {
        let text = """
            anchors:
              - [10,13, 16,30, 33,23]
            backbone:
              [[-1, 1, Conv, [64, 6, 2, 2]],  # 0-P1/2
               [-1, 3, C3, [128]],
              ]
            """
        let root = try YAMLReader.parse(text)
        let rows = try #require(root["backbone"]?.items)
        #expect(rows.count == 2)
        #expect(rows[0].items?[2].string == "Conv")
        #expect(rows[0].items?[3].items?.compactMap(\.int) == [64, 6, 2, 2])
        #expect(rows[1].mark.line == 5)
        #expect(root["anchors"]?.items?[0].items?.compactMap(\.int) == [10, 13, 16, 30, 33, 23])
    }

    @Test(arguments: [
        ("nc: 2\nnames: [mask, nomask\n", 3, "did not find expected ',' or ']'"),
        ("nc: 2\n  names: x\n", 2, "mapping values are not allowed"),
        ("a: *missing\n", 1, "unknown alias *missing"),
        ("a:\n\t- b\n", 2, "found character that cannot start any token"),
    ])
    func reportsLineAndColumnOfMalformedYAML(text: String, line: Int, problem: String) {
        let path = NSTemporaryDirectory() + "maskface-bad-\(UUID().uuidString).yaml"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }

        let error = #expect(throws: YAMLError.self) { try YAMLReader.read(contentsOf: path) }
        #expect(error?.file == path)
        #expect(error?.mark?.line == line)
        #expect((error?.mark?.column ?? 0) > 0)
        #expect(error?.problem.contains(problem) == true, "\(String(describing: error))")
        #expect(error?.description.hasPrefix("\(path):\(line):") == true)
    }

    @Test func missingFileNamesThePath() {
        let error = #expect(throws: YAMLError.self) {
            try YAMLReader.read(contentsOf: "/nonexistent/data.yaml")
        }
        #expect(error?.description == "/nonexistent/data.yaml: no such file")
    }

    @Test func anchorsAndScalarConversions() throws {
        let root = try YAMLReader.parse("base: &b 0.01\nlr: *b\nflag: yes\nnothing: ~\n")
        #expect(root["lr"]?.double == 0.01)
        #expect(root["flag"]?.bool == true)
        #expect(root["nothing"]?.isNull == true)
        #expect(root["absent"] == nil)
    }
}
