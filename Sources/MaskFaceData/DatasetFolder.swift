import Foundation

/// A dataset in MaskFace's layout, as `maskface dataset import` writes it: `images/`,
/// `labels/<stem>.txt` (YOLO lines, normalised `class cx cy w h`), `data.yaml` and the
/// split lists `train.txt`, `val.txt`, `test.txt` of `images/<file>` lines.
///
/// Image names here are file names inside `images/` (`maksssksksss0.jpg`), the form the
/// split lists and the fixtures use.
public struct DatasetFolder: Sendable {
    public let path: String

    /// - Throws: `SourceProblem` when `path` is not a folder with `images/` and `labels/`.
    public init(_ path: String) throws {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        for child in ["images", "labels"] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: "\(trimmed)/\(child)",
                                                 isDirectory: &isFolder), isFolder.boolValue
            else {
                throw SourceProblem(path: trimmed, problem: "not a MaskFace dataset (no \(child)/ "
                                    + "folder); create one with 'maskface dataset import'")
            }
        }
        self.path = trimmed
    }

    public var imagesFolder: String { "\(path)/images" }
    public var dataYAMLPath: String { "\(path)/data.yaml" }

    public func imagePath(_ imageName: String) -> String { "\(imagesFolder)/\(imageName)" }

    public func splitListPath(_ split: String) -> String { "\(path)/\(split).txt" }

    /// The label file of an image: same stem, `.txt`, in `labels/`.
    public func labelPath(_ imageName: String) -> String {
        let stem = URL(fileURLWithPath: imageName).deletingPathExtension().lastPathComponent
        return "\(path)/labels/\(stem).txt"
    }

    /// Every image in `images/`, in natural order (`img2` before `img10`).
    public func imageNames() -> [String] {
        let listing = (try? FileManager.default.contentsOfDirectory(atPath: imagesFolder)) ?? []
        return listing.filter { name in
            DatasetFiles.imageExtensions.contains(
                URL(fileURLWithPath: name).pathExtension.lowercased())
        }.sorted(by: DatasetFiles.naturalOrder)
    }

    /// Whether the split list exists.
    public func hasSplit(_ split: String) -> Bool {
        FileManager.default.fileExists(atPath: splitListPath(split))
    }

    /// The image names a split list holds, in file order.
    /// - Throws: `SourceProblem` naming the list for a missing list or an entry outside
    ///   `images/`.
    public func imageNames(inSplit split: String) throws -> [String] {
        let listPath = splitListPath(split)
        guard hasSplit(split) else {
            throw SourceProblem(path: listPath, problem: "no such split list; run "
                                + "'maskface dataset split \(path)' first")
        }
        let prefix = imagesFolder + "/"
        return try SplitFiles.read(listPath, datasetFolder: path).map { entry in
            guard entry.hasPrefix(prefix) else {
                throw SourceProblem(path: listPath, problem: "'\(entry)' is not inside images/")
            }
            return String(entry.dropFirst(prefix.count))
        }
    }

    /// The labels of one image; a missing label file means an image without objects.
    /// - Throws: `SourceProblem` naming the label file and line for a malformed line or a
    ///   class id other than 0 (mask) or 1 (nomask).
    public func labels(of imageName: String) throws -> [BoxLabel] {
        let names = ClassMapping.canonicalNames
        let objects = try YOLOLabelFile.read(labelPath(imageName), names: names)
        return objects.compactMap { object in
            guard case let .normalized(centerX, centerY, width, height) = object.box,
                  let classIndex = names.firstIndex(of: object.className) else { return nil }
            return BoxLabel(classIndex: classIndex, centerX: centerX, centerY: centerY,
                            width: width, height: height)
        }
    }

    /// Writes an image's labels atomically.
    public func writeLabels(_ labels: [BoxLabel], of imageName: String) throws {
        let text = labels.map { $0.line + "\n" }.joined()
        try text.write(toFile: labelPath(imageName), atomically: true, encoding: .utf8)
    }
}
