import Foundation
import MaskFaceCore

/// Reads a Roboflow "YOLO v5 PyTorch" export: `data.yaml` with `names`, and for each split
/// folder present (`train`, `valid`, `test`) `images/` with a `labels/*.txt` per image.
///
/// Export `data.yaml` files usually point at paths that do not exist on this machine, so
/// the split folders are found next to `data.yaml` rather than through its paths.
public enum YOLOExportReader {
    public static let splitFolders = ["train", "valid", "val", "test"]

    public static func read(folder: String) throws -> SourceListing {
        let yamlPath = "\(folder)/data.yaml"
        let names = try classNames(yamlPath: yamlPath)
        var listing = SourceListing()
        var splits = splitFolders.filter {
            FileManager.default.fileExists(atPath: "\(folder)/\($0)/images")
        }
        if splits.isEmpty, FileManager.default.fileExists(atPath: "\(folder)/images") {
            splits = [""]
        }
        guard !splits.isEmpty else {
            throw SourceProblem(path: folder, problem: "no images/ folder, nor train/, valid/ "
                                + "or test/ folders holding one")
        }
        for split in splits {
            let base = split.isEmpty ? folder : "\(folder)/\(split)"
            read(split: split, base: base, names: names, into: &listing)
        }
        return listing
    }

    /// The class names listed in `data.yaml` (a sequence, or a mapping from id to name).
    static func classNames(yamlPath: String) throws -> [String] {
        let root = try YAMLReader.read(contentsOf: yamlPath)
        guard let node = root["names"] else {
            throw YAMLError(file: yamlPath, mark: nil, problem: "missing key 'names'")
        }
        if let items = node.items { return items.map { $0.string ?? "" } }
        if let entries = node.entries {
            let sorted = entries.compactMap { entry in Int(entry.key).map { ($0, entry.value) } }
                .sorted { $0.0 < $1.0 }
            if sorted.map(\.0) == Array(0..<entries.count) {
                return sorted.map { $0.1.string ?? "" }
            }
        }
        throw YAMLError(file: yamlPath, mark: node.mark,
                        problem: "'names' must be a list, or a mapping from 0, 1, ... to names")
    }

    private static func read(split: String, base: String, names: [String],
                             into listing: inout SourceListing) {
        let splitName = split.isEmpty ? nil : split
        for imagePath in DatasetFiles.files(under: "\(base)/images",
                                            extensions: DatasetFiles.imageExtensions) {
            let stem = URL(fileURLWithPath: imagePath).deletingPathExtension().lastPathComponent
            let labelPath = "\(base)/labels/\(stem).txt"
            do {
                let objects = try YOLOLabelFile.read(labelPath, names: names)
                listing.samples.append(SourceSample(
                    imagePath: imagePath, annotationPath: labelPath, declaredSize: nil,
                    objects: objects, sourceSplit: splitName))
            } catch let problem as SourceProblem {
                listing.skipped.append(problem)
            } catch {
                listing.skipped.append(SourceProblem(path: labelPath, problem: "\(error)"))
            }
        }
    }
}

/// One YOLO label file: `class cx cy w h` per line, normalised to 0..1.
public enum YOLOLabelFile {
    /// Slack for coordinates just outside 0..1, which exports produce by rounding.
    static let tolerance = 0.01

    /// Reads a label file; a missing file means an image without objects.
    /// - Throws: `SourceProblem` naming the file and line for any malformed line.
    public static func read(_ path: String, names: [String]) throws -> [SourceObject] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8)
        else {
            throw SourceProblem(path: path, problem: "cannot read the file as UTF-8 text")
        }
        var objects: [SourceObject] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            let fail = { (problem: String) in
                SourceProblem(path: path, problem: "line \(offset + 1): \(problem)")
            }
            guard fields.count == 5 else {
                throw fail("expected 'class cx cy w h' (5 fields), found \(fields.count)")
            }
            guard let classID = Int(fields[0]) else {
                throw fail("class id '\(fields[0])' is not an integer")
            }
            guard names.indices.contains(classID) else {
                throw fail("class id \(classID) is not in data.yaml's \(names.count) names")
            }
            let numbers = fields[1...].compactMap { Double($0) }
            guard numbers.count == 4, numbers.allSatisfy(\.isFinite) else {
                throw fail("coordinates must be four numbers")
            }
            guard numbers.allSatisfy({ $0 >= -tolerance && $0 <= 1 + tolerance }) else {
                throw fail("coordinates must be normalised to 0..1")
            }
            objects.append(SourceObject(
                className: names[classID],
                box: .normalized(centerX: numbers[0], centerY: numbers[1], width: numbers[2],
                                 height: numbers[3])))
        }
        return objects
    }
}
