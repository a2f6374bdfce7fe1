import Foundation

/// Writes images, labels, split lists and `data.yaml` of a dataset in MaskFace's layout.
struct DatasetWriter {
    let folder: String
    private var usedStems: Set<String> = []
    private var splits: [String: [String]] = [:]

    init(folder: String) throws {
        self.folder = folder
        for child in ["images", "labels"] {
            try FileManager.default.createDirectory(atPath: "\(folder)/\(child)",
                                                    withIntermediateDirectories: true)
        }
    }

    /// Copies the image and writes its label file; a stem already used gets a `_N` suffix.
    mutating func add(imagePath: String, labels: [BoxLabel], split: String?) throws {
        let url = URL(fileURLWithPath: imagePath)
        let stem = uniqueStem(url.deletingPathExtension().lastPathComponent)
        let imageName = "\(stem).\(url.pathExtension.lowercased())"
        try FileManager.default.copyItem(atPath: imagePath,
                                         toPath: "\(folder)/images/\(imageName)")
        let text = labels.map { $0.line + "\n" }.joined()
        try text.write(toFile: "\(folder)/labels/\(stem).txt", atomically: false, encoding: .utf8)
        if let split { splits[Self.canonicalSplit(split), default: []].append(imageName) }
    }

    /// Writes the split lists the source had and `data.yaml`.
    func finish(sourceDescription: String) throws {
        for (split, names) in splits {
            try SplitFiles.write(names, to: "\(folder)/\(split).txt")
        }
        try DataYAML.write(to: "\(folder)/data.yaml", source: sourceDescription,
                           splits: splits.keys.sorted())
    }

    /// Roboflow calls the validation split `valid`; YOLOv5 and MaskFace call it `val`.
    static func canonicalSplit(_ name: String) -> String {
        name == "valid" ? "val" : name
    }

    private mutating func uniqueStem(_ stem: String) -> String {
        var candidate = stem
        var counter = 1
        while !usedStems.insert(candidate).inserted {
            counter += 1
            candidate = "\(stem)_\(counter)"
        }
        return candidate
    }
}
