import Foundation

/// `augment.json`: what an offline augmentation added to a dataset, so that a re-run can
/// replace the copies instead of piling new ones on top, and `--remove` can undo it.
///
/// It is written before the first copy (with `complete` false and every planned copy
/// listed), so even an interrupted run can be cleaned up.
public struct AugmentationManifest: Sendable, Codable, Equatable {
    public var settings: OfflineAugmentation
    /// `train.txt` before augmentation, image names in order.
    public var originalTrainImages: [String]
    /// Image names of the copies (their labels share the stem).
    public var copies: [String]
    public var complete: Bool

    enum CodingKeys: String, CodingKey {
        case settings, complete, copies
        case originalTrainImages = "original_train_images"
    }

    public static let fileName = "augment.json"

    public static func path(in dataset: DatasetFolder) -> String {
        "\(dataset.path)/\(fileName)"
    }

    /// The dataset's manifest, or nil when it has no augmented copies.
    public static func read(in dataset: DatasetFolder) throws -> AugmentationManifest? {
        let path = path(in: dataset)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(AugmentationManifest.self, from: data)
        } catch {
            throw SourceProblem(path: path, problem: "unreadable augmentation record (\(error)); "
                                + "restore train.txt and delete the *_aug*.jpg copies by hand")
        }
    }

    func write(in dataset: DatasetFolder) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(self), to: Self.path(in: dataset))
    }

    /// Puts `train.txt` back as it was, deletes every copy and then this record.
    /// - Returns: how many copies were removed.
    @discardableResult
    func undo(in dataset: DatasetFolder) throws -> Int {
        try writeTrainList(originalTrainImages, in: dataset)
        var removed = 0
        for name in copies {
            for path in [dataset.imagePath(name), dataset.labelPath(name)]
            where FileManager.default.fileExists(atPath: path) {
                try FileManager.default.removeItem(atPath: path)
                if path.hasSuffix(name) { removed += 1 }
            }
        }
        try FileManager.default.removeItem(atPath: Self.path(in: dataset))
        return removed
    }

    func writeTrainList(_ names: [String], in dataset: DatasetFolder) throws {
        let text = names.map { "images/\($0)\n" }.joined()
        try AtomicFile.write(text, to: dataset.splitListPath("train"))
    }
}
