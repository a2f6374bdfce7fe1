import Foundation
import MaskFaceCore
import MaskFaceVision

/// Runs `OfflineAugmentation` over a dataset's training split: copies go to
/// `images/<stem>_aug<k>.jpg` with labels beside the others, `train.txt` lists each
/// original followed by its copies, and `augment.json` records it all. Validation and
/// test images are never touched.
///
/// Reproducible: copy k of training image i draws from a generator seeded by
/// (seed, i, k), so the output does not depend on thread timing. Running again replaces
/// the previous copies.
public struct OfflineAugmenter: Sendable {
    public struct Report: Sendable, Equatable {
        public var originals = 0
        public var copies = 0
        /// Source boxes (of the image and its mosaic partners) missing from the copies:
        /// cropped away by a mosaic, or too small or mostly outside after a warp.
        public var droppedBoxes = 0
        /// Copies of an earlier run that were deleted first.
        public var replacedCopies = 0
    }

    public let dataset: DatasetFolder
    public let settings: OfflineAugmentation

    public init(dataset: DatasetFolder, settings: OfflineAugmentation) {
        self.dataset = dataset
        self.settings = settings
    }

    /// Deletes the copies of an earlier run and restores `train.txt`.
    /// - Returns: how many copies were deleted (0 when the dataset had none).
    public static func removeCopies(from dataset: DatasetFolder) throws -> Int {
        try AugmentationManifest.read(in: dataset)?.undo(in: dataset) ?? 0
    }

    /// - Parameter progress: (training images done, training images total).
    public func run(progress: (Int, Int) -> Void = { _, _ in }) throws -> Report {
        try settings.validate()
        var report = Report()
        report.replacedCopies = try Self.removeCopies(from: dataset)
        let originals = try dataset.imageNames(inSplit: "train")
        let copyNames = try plannedCopies(of: originals)
        var manifest = AugmentationManifest(
            settings: settings, originalTrainImages: originals,
            copies: copyNames.flatMap { $0 }, complete: false)
        try manifest.write(in: dataset)

        let labels = try originals.map { try dataset.labels(of: $0) }
        let dropped = try ParallelMap.map(count: originals.count, chunkSize: 8,
                                          progress: progress) { [self] index in
            try augment(index, originals: originals, labels: labels, names: copyNames[index])
        }
        let trainList = zip(originals, copyNames).flatMap { [$0] + $1 }
        try manifest.writeTrainList(trainList, in: dataset)
        manifest.complete = true
        try manifest.write(in: dataset)

        report.originals = originals.count
        report.copies = manifest.copies.count
        report.droppedBoxes = dropped.reduce(0, +)
        return report
    }

    /// `<stem>_aug1.jpg`, ... per original; refuses names that already exist.
    private func plannedCopies(of originals: [String]) throws -> [[String]] {
        let existing = Set(dataset.imageNames())
        return try originals.map { name in
            let stem = URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent
            return try (1..<settings.outputsPerImage).map { copy in
                let copyName = "\(stem)_aug\(copy).jpg"
                guard !existing.contains(copyName) else {
                    throw SourceProblem(path: dataset.imagePath(copyName), problem: "exists but "
                                        + "is no recorded augmented copy; rename it first")
                }
                return copyName
            }
        }
    }

    /// Writes the copies of original `index`; returns how many boxes the copies lost.
    private func augment(_ index: Int, originals: [String], labels: [[BoxLabel]],
                         names: [String]) throws -> Int {
        guard !names.isEmpty else { return 0 }
        let image = try ImageInspection.decode(dataset.imagePath(originals[index]))
        let pixelLabels = labels[index].map { PixelLabel($0, width: image.width,
                                                         height: image.height) }
        var dropped = 0
        for (offset, name) in names.enumerated() {
            var generator = SeededGenerator(seed: SampleSeed.derive(
                settings.seed, UInt64(index), UInt64(offset + 1)))
            let partners = try mosaicPartners(of: index, originals: originals, labels: labels,
                                              using: &generator)
            let (copy, copyLabels) = try settings.augmentCopy(
                of: image, labels: pixelLabels, partners: partners, using: &generator)
            try copy.write(to: dataset.imagePath(name))
            try dataset.writeLabels(copyLabels.map {
                $0.normalized(width: copy.width, height: copy.height)
            }, of: name)
            let sources = labels[index].count + partners.reduce(0) { $0 + $1.1.count }
            dropped += max(sources - copyLabels.count, 0)
        }
        return dropped
    }

    /// Three other training images, drawn at random, when mosaics are on.
    private func mosaicPartners(
        of index: Int, originals: [String], labels: [[BoxLabel]],
        using generator: inout SeededGenerator
    ) throws -> [(Image, [PixelLabel])] {
        guard settings.mosaic, originals.count > 1 else { return [] }
        return try (0..<3).map { _ in
            var other = Int(generator.next() % UInt64(originals.count - 1))
            if other >= index { other += 1 }
            let image = try ImageInspection.decode(dataset.imagePath(originals[other]))
            return (image, labels[other].map {
                PixelLabel($0, width: image.width, height: image.height)
            })
        }
    }
}
