import Foundation

/// Writes files so that readers see the old content or the new one, never a half-written
/// file: the bytes go to a temporary sibling, which is then renamed over the target
/// (`rename(2)` is atomic within one file system).
enum AtomicFile {
    static func write(_ data: Data, to path: String) throws {
        let temporary = temporaryPath(for: path)
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            try rename(temporary, over: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
    }

    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Moves `source` onto `target`, replacing it.
    static func rename(_ source: String, over target: String) throws {
        guard Foundation.rename(source, target) == 0 else {
            let reason = String(cString: strerror(errno))
            throw SourceProblem(path: target, problem: "cannot replace the file (\(reason))")
        }
    }

    /// A hidden sibling of `path` that no other process writes.
    static func temporaryPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let name = ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)"
            + ".\(UUID().uuidString.prefix(8)).tmp"
        return url.deletingLastPathComponent().appendingPathComponent(name).path
    }
}
