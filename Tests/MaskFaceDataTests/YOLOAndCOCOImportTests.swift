import Foundation
import Testing
@testable import MaskFaceData

@Suite struct YOLOImportTests {
    static let roboflow = datasetsFolder + "/mask-wearing-rf-yolo"

    @Test func importsRoboflowExportKeepingItsSplits() throws {
        let output = try temporaryFolder() + "/rf"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let importer = DatasetImporter(format: .yolo, mapping: .standard,
                                       inspectImage: fixedSize(640, 640))
        let report = try importer.run(source: Self.roboflow, output: output)

        #expect(report.keptImages == 1059)
        #expect(report.keptBoxes == [883, 723])
        #expect(report.skipped.isEmpty)
        let val = try SplitFiles.read(output + "/val.txt", datasetFolder: output)
        let test = try SplitFiles.read(output + "/test.txt", datasetFolder: output)
        #expect(val.count == 706 && test.count == 353)
        #expect(val.allSatisfy { FileManager.default.fileExists(atPath: $0) })
        let yaml = try String(contentsOfFile: output + "/data.yaml", encoding: .utf8)
        #expect(yaml.contains("val: val.txt") && yaml.contains("test: test.txt"))
        #expect(!yaml.contains("train:"))
    }

    @Test(arguments: [
        ("0 0.5 0.5 0.2\n", "line 1: expected 'class cx cy w h' (5 fields), found 4"),
        ("0 0.5 0.5 0.2 0.2\n2 0.5 0.5 0.1 0.1\n",
         "line 2: class id 2 is not in data.yaml's 2 names"),
        ("x 0.5 0.5 0.2 0.2\n", "line 1: class id 'x' is not an integer"),
        ("1 0.5 0.5 0.2 nan\n", "line 1: coordinates must be four numbers"),
        ("1 0.5 1.7 0.2 0.2\n", "line 1: coordinates must be normalised to 0..1"),
    ])
    func malformedLabelFilesNameFileAndLine(text: String, problem: String) throws {
        let path = try temporaryFolder() + "/label.txt"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: SourceProblem.self) {
            try YOLOLabelFile.read(path, names: ["Mask", "NO-Mask"])
        }
        #expect(error?.description == "\(path): \(problem)")
    }

    @Test func clipsBoxesAtTheBorderAndKeepsEmptyFiles() throws {
        let path = try temporaryFolder() + "/label.txt"
        try "1 0.995 0.5 0.02 0.2\n\n".write(toFile: path, atomically: true, encoding: .utf8)
        let objects = try YOLOLabelFile.read(path, names: ["mask", "nomask"])
        var report = ImportReport()
        let sample = SourceSample(imagePath: "x.jpg", annotationPath: path, declaredSize: nil,
                                  objects: objects)
        let labels = LabelNormalizer(mapping: .standard)
            .labels(for: sample, imageWidth: 100, imageHeight: 100, report: &report)
        // Corners 0.985...1.005 clip to 0.985...1.0.
        let label = try #require(labels.first)
        #expect(label.classIndex == 1)
        #expect(abs(label.centerX - 0.9925) < 1e-9 && abs(label.width - 0.015) < 1e-9)
        #expect(abs(label.centerY - 0.5) < 1e-9 && abs(label.height - 0.2) < 1e-9)
        #expect(report.clippedBoxes == 1)
        #expect(try YOLOLabelFile.read(path + ".missing", names: ["mask"]).isEmpty)
    }
}

@Suite struct COCOImportTests {
    @Test func importsACOCOExport() throws {
        let source = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: source) }
        try FileManager.default.createDirectory(atPath: source + "/train",
                                                withIntermediateDirectories: true)
        let json = """
            {"images": [{"id": 1, "file_name": "a.jpg", "width": 100, "height": 50},
                        {"id": 2, "file_name": "missing.jpg", "width": 10, "height": 10}],
             "annotations": [{"id": 7, "image_id": 1, "category_id": 1, "bbox": [10, 5, 20, 10]},
                             {"id": 8, "image_id": 1, "category_id": 2, "bbox": [50, 25, 10, 10]}],
             "categories": [{"id": 0, "name": "faces"}, {"id": 1, "name": "mask"},
                            {"id": 2, "name": "no-mask"}]}
            """
        try json.write(toFile: source + "/train/_annotations.coco.json", atomically: true,
                       encoding: .utf8)
        _ = FileManager.default.createFile(atPath: source + "/train/a.jpg", contents: Data([1]))
        let importer = DatasetImporter(format: .coco, mapping: .standard,
                                       inspectImage: fixedSize(100, 50))
        let report = try importer.run(source: source, output: source + "/out")

        #expect(report.keptImages == 1)
        #expect(report.keptBoxes == [1, 1])
        #expect(report.skipped.map(\.problem) == ["image missing.jpg (id 2) not found"])
        let label = try String(contentsOfFile: source + "/out/labels/a.txt", encoding: .utf8)
        #expect(label == "0 0.200000 0.200000 0.200000 0.200000\n"
                + "1 0.550000 0.600000 0.100000 0.200000\n")
        let train = try SplitFiles.read(source + "/out/train.txt", datasetFolder: "D")
        #expect(train == ["D/images/a.jpg"])
    }
}
