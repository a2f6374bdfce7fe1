import Foundation
import Testing
@testable import MaskFaceData

/// The reference run's split lists (image file names), see the fixtures README section 7.
let referenceSplitFolder = URL(fileURLWithPath: datasetsFolder).deletingLastPathComponent()
    .appendingPathComponent("fixtures/reference/train-run/split").path

/// Datasets imported once per test process, with real image decoding, and shared
/// read-only; tests that write get a `workingCopy`.
enum ImportedDatasets {
    /// The Kaggle VOC set, imported with the reference mapping (incorrect mask → nomask).
    static let kaggle: String? = {
        guard let folder = try? temporaryFolder() else { return nil }
        let importer = DatasetImporter(format: .voc, mapping: .standard,
                                       inspectImage: ImageInspection.decodedSize)
        let output = folder + "/kaggle"
        guard (try? importer.run(source: datasetsFolder + "/face-mask-kaggle-voc",
                                 output: output)) != nil else { return nil }
        return output
    }()

    /// The Kaggle set with the reference split adopted.
    static let kaggleWithReferenceSplit: String? = {
        guard let copy = try? workingCopy(of: kaggle),
              let dataset = try? DatasetFolder(copy),
              (try? SplitMaker(dataset: dataset).adopt(from: referenceSplitFolder)) != nil
        else { return nil }
        return copy
    }()

    /// A folder that shares `source`'s images and labels through symbolic links and has
    /// its own `data.yaml` and split lists, so a test can split or list it freely.
    static func workingCopy(of source: String?, copyLabels: Bool = false) throws -> String {
        let source = try #require(source, "the shared import failed")
        let copy = try temporaryFolder() + "/dataset"
        let files = FileManager.default
        try files.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try files.createSymbolicLink(atPath: copy + "/images",
                                     withDestinationPath: source + "/images")
        if copyLabels {
            try files.copyItem(atPath: source + "/labels", toPath: copy + "/labels")
        } else {
            try files.createSymbolicLink(atPath: copy + "/labels",
                                         withDestinationPath: source + "/labels")
        }
        for name in ["data.yaml", "train.txt", "val.txt", "test.txt", "split.json"]
        where files.fileExists(atPath: "\(source)/\(name)") {
            try files.copyItem(atPath: "\(source)/\(name)", toPath: "\(copy)/\(name)")
        }
        return copy
    }
}
