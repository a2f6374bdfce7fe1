import Foundation
import MaskFaceCore
import MaskFaceVision
import Testing
@testable import MaskFaceData

let datasetsFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/datasets").path

/// A fresh empty folder under the temporary directory.
func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "maskface-data-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Image sizes by path for tests that do not decode images: every image is `size`.
func fixedSize(_ width: Int, _ height: Int) -> DatasetImporter.ImageInspector {
    { _ in (width, height) }
}

@Suite struct VOCImportTests {
    static let kaggle = datasetsFolder + "/face-mask-kaggle-voc"

    @Test func readsEveryKaggleAnnotation() throws {
        let listing = VOCReader.read(folder: Self.kaggle)
        #expect(listing.samples.count == 853)
        #expect(listing.skipped.isEmpty)
        let names = listing.samples.flatMap { $0.objects.map(\.className) }
        #expect(names.count == 4072)
        #expect(names.filter { $0 == "with_mask" }.count == 3232)
        #expect(names.filter { $0 == "without_mask" }.count == 717)
        #expect(names.filter { $0 == "mask_weared_incorrect" }.count == 123)
        let first = try #require(listing.samples.first { $0.imagePath.hasSuffix("sss0.jpg") })
        #expect(first.declaredSize?.width == 512 && first.declaredSize?.height == 366)
        #expect(first.objects.first == SourceObject(
            className: "without_mask", box: .pixels(PixelBox(x1: 79, y1: 105, x2: 109, y2: 142))))
    }

    @Test func importsKaggleWithTheReferenceMapping() throws {
        let output = try temporaryFolder() + "/kaggle"
        let sizes = Dictionary(uniqueKeysWithValues: VOCReader.read(folder: Self.kaggle).samples
            .map { ($0.imagePath, $0.declaredSize ?? (0, 0)) })
        let importer = DatasetImporter(format: .voc, mapping: .standard) { path in
            try #require(sizes[path])
        }
        let report = try importer.run(source: Self.kaggle, output: output)
        defer { try? FileManager.default.removeItem(atPath: output) }

        #expect(report.keptImages == 853)
        #expect(report.keptBoxes == [3232, 840])
        #expect(report.clippedBoxes == 12)
        #expect(report.skipped.isEmpty)
        let label = try String(contentsOfFile: output + "/labels/maksssksksss0.txt",
                               encoding: .utf8)
        #expect(label.hasPrefix("1 0.183594 0.337432 0.058594 0.101093\n"))
        let yaml = try YAMLReader.read(contentsOf: output + "/data.yaml")
        #expect(yaml["names"]?.items?.compactMap(\.string) == ["mask", "nomask"])
        #expect(FileManager.default.fileExists(atPath: output + "/images/maksssksksss852.jpg"))
    }

    @Test func dropMappingAndUnknownClassesAreCounted() throws {
        let source = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try writeVOC(to: source + "/a.xml", objects: [
            ("with_mask", [1, 1, 5, 5]), ("mask_weared_incorrect", [2, 2, 6, 6]),
            ("helmet", [3, 3, 7, 7]), ("with_mask", [1, 1, 5, 5]),
            ("without_mask", [20, 20, 30, 30]),
        ])
        _ = FileManager.default.createFile(atPath: source + "/a.jpg", contents: Data([0]))
        let mapping = try ClassMapping.standard(overriddenBy: "mask_weared_incorrect=drop")
        let importer = DatasetImporter(format: .voc, mapping: mapping,
                                       inspectImage: fixedSize(10, 10))
        let report = try importer.run(source: source, output: source + "/out")

        #expect(report.keptBoxes == [1, 0])
        #expect(report.droppedBoxes[.droppedClass] == 1)
        #expect(report.droppedBoxes[.unknownClass] == 1)
        #expect(report.droppedBoxes[.duplicate] == 1)
        #expect(report.droppedBoxes[.zeroSize] == 1)
        #expect(report.unknownClassNames == ["helmet": 1])
        #expect(report.summaryLines.contains { $0.contains("unknown class 'helmet'") })
    }

    @Test func badFilesAreSkippedWithTheirReason() throws {
        let source = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try writeVOC(to: source + "/good.xml", objects: [("with_mask", [1, 1, 5, 5])])
        try "<annotation><object><name>with_mask".write(toFile: source + "/broken.xml",
                                                         atomically: true, encoding: .utf8)
        try writeVOC(to: source + "/orphan.xml", objects: [("with_mask", [1, 1, 5, 5])])
        for stem in ["good", "broken", "corrupt"] {
            _ = FileManager.default.createFile(atPath: "\(source)/\(stem).jpg", contents: Data([0]))
        }
        try writeVOC(to: source + "/corrupt.xml", objects: [("with_mask", [1, 1, 5, 5])])
        let importer = DatasetImporter(format: .voc, mapping: .standard) { path in
            if path.hasSuffix("corrupt.jpg") {
                throw SourceProblem(path: path, problem: "cannot decode the image")
            }
            return (10, 10)
        }
        let report = try importer.run(source: source, output: source + "/out")

        #expect(report.keptImages == 1)
        let reasons = report.skipped.map(\.description).sorted()
        #expect(reasons.count == 3)
        #expect(reasons[0].hasPrefix(source + "/broken.xml: line "))
        #expect(reasons[1] == source + "/corrupt.jpg: cannot decode the image")
        #expect(reasons[2] == source + "/orphan.xml: no image named orphan.* beside it")
    }

    @Test func refusesToOverwriteAnExistingDataset() throws {
        let output = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: output) }
        let importer = DatasetImporter(format: .voc, mapping: .standard,
                                       inspectImage: fixedSize(1, 1))
        let error = #expect(throws: SourceProblem.self) {
            try importer.run(source: Self.kaggle, output: output)
        }
        #expect(error?.problem.contains("already exists") == true)
    }
}

func writeVOC(to path: String, objects: [(String, [Int])]) throws {
    let body = objects.map { name, box in
        "<object><name>\(name)</name><bndbox><xmin>\(box[0])</xmin><ymin>\(box[1])</ymin>"
            + "<xmax>\(box[2])</xmax><ymax>\(box[3])</ymax></bndbox></object>"
    }.joined(separator: "\n")
    try "<annotation>\n<size><width>10</width><height>10</height></size>\n\(body)\n</annotation>\n"
        .write(toFile: path, atomically: true, encoding: .utf8)
}
