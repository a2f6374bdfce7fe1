import Foundation

/// File listing helpers shared by the dataset readers.
enum DatasetFiles {
    /// Image extensions OpenCV decodes and datasets use.
    static let imageExtensions: Set<String> = ["jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff"]

    /// Regular files below `folder` whose extension is in `extensions`, sorted by path.
    static func files(under folder: String, extensions: Set<String>) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let ext = URL(fileURLWithPath: relative).pathExtension.lowercased()
            if extensions.contains(ext) { paths.append("\(folder)/\(relative)") }
        }
        return paths.sorted(by: naturalOrder)
    }

    /// Image paths below `folder` keyed by file stem (the first one wins on a clash).
    static func imagesByStem(under folder: String) -> [String: String] {
        var byStem: [String: String] = [:]
        for path in files(under: folder, extensions: imageExtensions) {
            let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            if byStem[stem] == nil { byStem[stem] = path }
        }
        return byStem
    }

    /// Image paths below `folder` keyed by file name (the first one wins on a clash).
    static func imagesByName(under folder: String) -> [String: String] {
        var byName: [String: String] = [:]
        for path in files(under: folder, extensions: imageExtensions) {
            let name = URL(fileURLWithPath: path).lastPathComponent
            if byName[name] == nil { byName[name] = path }
        }
        return byName
    }

    /// `img2` before `img10`: digits compare by value, so listings read as people expect.
    static func naturalOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.compare(rhs, options: [.numeric]) == .orderedAscending
    }
}
