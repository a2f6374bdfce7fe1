import Foundation

/// Split lists: one image path per line, relative to the dataset folder (`images/x.jpg`).
public enum SplitFiles {
    public static let names = ["train", "val", "test"]

    /// Writes the image names (file names inside `images/`) atomically.
    public static func write(_ imageNames: [String], to path: String) throws {
        let text = imageNames.map { "images/\($0)\n" }.joined()
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The image paths a split list names, resolved against the dataset folder. Bare file
    /// names (the fixtures' `split/*.txt` form) are taken to be inside `images/`.
    public static func read(_ path: String, datasetFolder: String) throws -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SourceProblem(path: path, problem: "cannot read the split list")
        }
        return text.split(whereSeparator: \.isNewline).map { line in
            let entry = line.trimmingCharacters(in: .whitespaces)
            if entry.hasPrefix("/") { return entry }
            if entry.contains("/") { return "\(datasetFolder)/\(entry)" }
            return "\(datasetFolder)/images/\(entry)"
        }
    }
}

/// MaskFace's `data.yaml`: YOLOv5's dataset file with `path`, split lists and class names.
public enum DataYAML {
    public static func write(to path: String, source: String, splits: [String]) throws {
        var lines = ["# MaskFace dataset, imported from \(source).",
                     "# Labels are YOLO txt files in labels/, one per image in images/.",
                     "path: .  # relative to this file"]
        for split in SplitFiles.names where splits.contains(split) {
            lines.append("\(split): \(split).txt")
        }
        lines.append("nc: \(ClassMapping.canonicalNames.count)")
        lines.append("names: [\(ClassMapping.canonicalNames.joined(separator: ", "))]")
        let text = lines.joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Rewrites `data.yaml` so that it lists `splits` (`train: train.txt`, ...) and nothing
    /// else changes; comments, `path`, `nc` and `names` stay as they were. Atomic.
    public static func listSplits(_ splits: [String], in path: String) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SourceProblem(path: path, problem: "cannot read data.yaml")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines.removeAll { line in SplitFiles.names.contains { line.hasPrefix("\($0):") } }
        let splitLines = SplitFiles.names.filter(splits.contains).map { "\($0): \($0).txt" }
        let anchor = lines.firstIndex { $0.hasPrefix("path:") }.map { $0 + 1 }
            ?? lines.firstIndex { !$0.hasPrefix("#") } ?? lines.count
        lines.insert(contentsOf: splitLines, at: anchor)
        try AtomicFile.write(lines.joined(separator: "\n"), to: path)
    }
}
