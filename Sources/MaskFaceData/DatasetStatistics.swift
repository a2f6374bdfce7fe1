/// Counts and box sizes of a dataset, per split: what `maskface dataset stats` prints.
///
/// Box sizes are in pixels of the original images (normalised labels times the decoded
/// image size), because that is what decides whether a face survives resizing to the
/// training size: a 10 px face is 4 px at 320 on a 800 px photo.
public struct DatasetStatistics: Sendable {
    /// Boxes narrower or shorter than this many pixels count as tiny.
    public static let tinySide = 10.0
    /// COCO's "small" objects: under 32 x 32 pixels of area.
    public static let smallArea = 32.0 * 32.0

    public struct Split: Sendable {
        /// `train`, `val`, `test`, or `all` (every image in `images/`).
        public var name: String
        public var images = 0
        /// Boxes per class index (mask, nomask).
        public var boxesPerClass = [Int](repeating: 0, count: ClassMapping.canonicalNames.count)
        /// Box widths and heights in pixels, sorted ascending.
        public var widths: [Double] = []
        public var heights: [Double] = []
        public var narrowBoxes = 0
        public var shortBoxes = 0
        public var smallBoxes = 0

        public var boxes: Int { boxesPerClass.reduce(0, +) }
    }

    public var splits: [Split]

    /// Reads every label and decodes every image once for its size.
    /// (Decoding whole images is the slow part, about 3 ms each; reading only the JPEG or
    /// PNG header for its size would make this near-instant on large sets.)
    /// - Parameter progress: (images measured, images total).
    public static func compute(dataset: DatasetFolder,
                               progress: (Int, Int) -> Void = { _, _ in }) throws
        -> DatasetStatistics
    {
        let names = dataset.imageNames()
        let labels = try names.map { try dataset.labels(of: $0) }
        let folder = dataset
        let sizes = try ParallelMap.map(count: names.count, progress: progress) { index in
            try ImageInspection.decodedSize(folder.imagePath(names[index]))
        }
        let position = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        var splits = [split("all", members: Array(names.indices), labels: labels, sizes: sizes)]
        for name in SplitFiles.names where dataset.hasSplit(name) {
            let members = try dataset.imageNames(inSplit: name).map { image in
                guard let index = position[image] else {
                    throw SourceProblem(path: dataset.splitListPath(name),
                                        problem: "'\(image)' is not in images/")
                }
                return index
            }
            splits.append(split(name, members: members, labels: labels, sizes: sizes))
        }
        return DatasetStatistics(splits: splits)
    }

    private static func split(_ name: String, members: [Int], labels: [[BoxLabel]],
                              sizes: [(width: Int, height: Int)]) -> Split {
        var split = Split(name: name, images: members.count)
        for index in members {
            for label in labels[index] {
                // Rounded to 1/1000 px: labels carry six decimals, so 10 px can read 9.9999.
                let width = (label.width * Double(sizes[index].width) * 1000).rounded() / 1000
                let height = (label.height * Double(sizes[index].height) * 1000).rounded() / 1000
                if split.boxesPerClass.indices.contains(label.classIndex) {
                    split.boxesPerClass[label.classIndex] += 1
                }
                split.widths.append(width)
                split.heights.append(height)
                if width < tinySide { split.narrowBoxes += 1 }
                if height < tinySide { split.shortBoxes += 1 }
                if width * height < smallArea { split.smallBoxes += 1 }
            }
        }
        split.widths.sort()
        split.heights.sort()
        return split
    }

    /// A fixed-width table, one row per split, then the box size rows.
    public var tableLines: [String] {
        let classes = ClassMapping.canonicalNames
        var lines = [pad("split", 7) + pad("images", 8, right: true) + pad("boxes", 8, right: true)
                     + classes.map { pad($0, 8, right: true) }.joined()]
        for split in splits {
            lines.append(pad(split.name, 7) + pad("\(split.images)", 8, right: true)
                         + pad("\(split.boxes)", 8, right: true)
                         + split.boxesPerClass.map { pad("\($0)", 8, right: true) }.joined())
        }
        lines.append("")
        lines.append(pad("box px", 7) + ["min w", "med w", "max w", "min h", "med h", "max h",
                                         "w<10", "h<10", "<32x32"].map { pad($0, 7, right: true) }
            .joined())
        for split in splits where split.boxes > 0 {
            let numbers = [split.widths.first, median(split.widths), split.widths.last,
                           split.heights.first, median(split.heights), split.heights.last]
                .map { pad(format($0 ?? 0), 7, right: true) }.joined()
            let tiny = [split.narrowBoxes, split.shortBoxes, split.smallBoxes]
                .map { pad("\($0)", 7, right: true) }.joined()
            lines.append(pad(split.name, 7) + numbers + tiny)
        }
        return lines
    }

    /// The middle value of sorted numbers (mean of the two middle ones for an even count).
    public static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private func median(_ sorted: [Double]) -> Double? { Self.median(sorted) }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))" : "\((value * 10).rounded() / 10)"
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(width - text.count, 0))
        return right ? padding + text : text + padding
    }
}
