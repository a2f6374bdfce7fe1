import Foundation
import MaskFaceCore
import MaskFaceData

/// The repository root, and `../shared` beside it with datasets and reference fixtures.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let referenceFolder = repositoryRoot + "/../shared/fixtures/reference"
let kaggleFolder = repositoryRoot + "/../shared/datasets/face-mask-kaggle-voc"

/// A fresh folder under the temporary directory.
func temporaryFolder(_ label: String) throws -> String {
    let path = NSTemporaryDirectory() + "maskface-\(label)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A small real dataset: the first `count` Kaggle images, `trainCount` of them in train,
/// `testCount` at the end in test, and the rest in val, imported through the real importer.
func tinyKaggleDataset(count: Int = 12, trainCount: Int = 8, testCount: Int = 0) throws
    -> String
{
    let source = try temporaryFolder("tiny-source")
    let manager = FileManager.default
    for index in 0..<count {
        let stem = "maksssksksss\(index)"
        try manager.copyItem(atPath: "\(kaggleFolder)/annotations/\(stem).xml",
                             toPath: "\(source)/\(stem).xml")
        try manager.copyItem(atPath: "\(kaggleFolder)/images/\(stem).jpg",
                             toPath: "\(source)/\(stem).jpg")
    }
    let output = try temporaryFolder("tiny") + "/data"
    let importer = DatasetImporter(format: .voc, mapping: .standard) { path in
        try ImageInspection.decodedSize(path)
    }
    _ = try importer.run(source: source, output: output)
    let names = (0..<count).map { "maksssksksss\($0).jpg" }
    try SplitFiles.write(Array(names.prefix(trainCount)), to: "\(output)/train.txt")
    try SplitFiles.write(Array(names[trainCount..<(count - testCount)]),
                         to: "\(output)/val.txt")
    try SplitFiles.write(Array(names.suffix(testCount)), to: "\(output)/test.txt")
    try DataYAML.write(to: "\(output)/data.yaml", source: "test",
                       splits: testCount > 0 ? ["train", "val", "test"] : ["train", "val"])
    try? manager.removeItem(atPath: source)
    return output
}
