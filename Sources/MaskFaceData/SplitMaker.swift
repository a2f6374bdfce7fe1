import Foundation

/// Makes or adopts a dataset's train / val / test split and writes it down: the three
/// split lists, `split.json` with the counts, and `data.yaml` listing the splits.
///
/// Every file is first written beside its target and then renamed over it, so an
/// interrupted run leaves the previous split lists whole.
public struct SplitMaker: Sendable {
    public let dataset: DatasetFolder

    public init(dataset: DatasetFolder) {
        self.dataset = dataset
    }

    /// Hashes every image, splits by `ratios` with `DatasetSplitter` (seeded, stratified
    /// by class, near-duplicates kept together) and writes the result.
    /// - Parameter progress: (images hashed, images total).
    public func makeStratified(ratios: [Double], seed: UInt64,
                               progress: (Int, Int) -> Void = { _, _ in }) throws
        -> SplitSummary
    {
        try refuseAugmentedDataset()
        let names = dataset.imageNames()
        guard !names.isEmpty else {
            throw SourceProblem(path: dataset.imagesFolder, problem: "no images to split")
        }
        let labels = try names.map { try dataset.labels(of: $0) }
        let folder = dataset
        let hashes = try ParallelMap.map(count: names.count, progress: progress) { index in
            try DifferenceHash.of(imageAt: folder.imagePath(names[index]))
        }
        let items = names.indices.map { index in
            DatasetSplitter.Item(name: names[index], boxesPerClass: Self.boxesPerClass(
                labels[index]), hash: hashes[index])
        }
        let splitter = DatasetSplitter(ratios: ratios, seed: seed)
        let (splits, groups) = splitter.split(items)
        let labelsByName = Dictionary(uniqueKeysWithValues: zip(names, labels))
        let summary = SplitSummary(
            method: "stratified", seed: seed, ratios: ratios, source: nil,
            counts: Self.counts(splits, labels: labelsByName), nearDuplicateGroups: groups,
            duplicateDistance: splitter.duplicateDistance)
        try write(splits, summary: summary)
        return summary
    }

    /// Takes the split given by `train.txt`, `val.txt` and `test.txt` of image file names
    /// in `folder` (the fixtures' `split/` form; `images/x.jpg` lines work too).
    /// - Throws: `SourceProblem` naming the list file and the name for a name that is not
    ///   an image of the dataset or that another list already holds.
    public func adopt(from folder: String) throws -> SplitSummary {
        try refuseAugmentedDataset()
        let known = Set(dataset.imageNames())
        var seen: [String: String] = [:]
        var splits: [[String]] = []
        for split in SplitFiles.names {
            let listPath = "\(folder)/\(split).txt"
            guard FileManager.default.fileExists(atPath: listPath) else {
                throw SourceProblem(path: listPath, problem: "missing; --from needs train.txt, "
                                    + "val.txt and test.txt")
            }
            var names: [String] = []
            for entry in try SplitFiles.read(listPath, datasetFolder: "") {
                let name = URL(fileURLWithPath: entry).lastPathComponent
                guard known.contains(name) else {
                    throw SourceProblem(path: listPath, problem: "'\(name)' is not an image "
                                        + "of \(dataset.path)")
                }
                if let other = seen.updateValue(listPath, forKey: name) {
                    throw SourceProblem(path: listPath, problem: "'\(name)' is also in \(other)")
                }
                names.append(name)
            }
            splits.append(names)
        }
        let labels = try Dictionary(uniqueKeysWithValues: splits.joined().map {
            ($0, try dataset.labels(of: $0))
        })
        let summary = SplitSummary(
            method: "adopted", seed: nil, ratios: nil, source: folder,
            counts: Self.counts(splits, labels: labels), nearDuplicateGroups: [],
            duplicateDistance: nil)
        try write(splits, summary: summary)
        return summary
    }

    /// A split made after augmentation would spread copies of one photo over several
    /// splits; augmentation works on the split, so it must come second.
    private func refuseAugmentedDataset() throws {
        let manifest = AugmentationManifest.path(in: dataset)
        if FileManager.default.fileExists(atPath: manifest) {
            throw SourceProblem(path: manifest, problem: "the dataset holds augmented copies; "
                                + "split before augmenting (remove them with "
                                + "'maskface dataset augment --remove')")
        }
    }

    private func write(_ splits: [[String]], summary: SplitSummary) throws {
        var staged: [(temporary: String, target: String)] = []
        defer {
            for file in staged { try? FileManager.default.removeItem(atPath: file.temporary) }
        }
        for (split, names) in zip(SplitFiles.names, splits) {
            let target = dataset.splitListPath(split)
            let temporary = AtomicFile.temporaryPath(for: target)
            staged.append((temporary, target))
            try SplitFiles.write(names, to: temporary)
        }
        let jsonPath = "\(dataset.path)/split.json"
        let temporaryJSON = AtomicFile.temporaryPath(for: jsonPath)
        staged.append((temporaryJSON, jsonPath))
        try summary.encoded().write(to: URL(fileURLWithPath: temporaryJSON))
        for file in staged { try AtomicFile.rename(file.temporary, over: file.target) }
        try DataYAML.listSplits(SplitFiles.names, in: dataset.dataYAMLPath)
    }

    static func boxesPerClass(_ labels: [BoxLabel]) -> [Int] {
        var counts = [Int](repeating: 0, count: ClassMapping.canonicalNames.count)
        for label in labels where counts.indices.contains(label.classIndex) {
            counts[label.classIndex] += 1
        }
        return counts
    }

    static func counts(_ splits: [[String]], labels: [String: [BoxLabel]])
        -> [String: SplitSummary.Counts]
    {
        var result: [String: SplitSummary.Counts] = [:]
        for (split, names) in zip(SplitFiles.names, splits) {
            var counts = SplitSummary.Counts(images: names.count)
            let boxes = names.reduce(into: [0, 0]) { total, name in
                for (index, count) in boxesPerClass(labels[name] ?? []).enumerated() {
                    total[index] += count
                }
            }
            for (name, count) in zip(ClassMapping.canonicalNames, boxes) {
                counts.boxes[name] = count
            }
            result[split] = counts
        }
        return result
    }
}
