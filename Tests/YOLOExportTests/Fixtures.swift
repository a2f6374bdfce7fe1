// Paths to the reference fixtures (shared/fixtures/reference/README.md) and temporary folders.
import Foundation

enum Fixtures {
    /// `<repo root>/../shared/fixtures/reference`, found from this file's location.
    static let reference: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // YOLOExportTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("../shared/fixtures/reference").standardizedFileURL

    static func path(_ relative: String) -> String {
        reference.appendingPathComponent(relative).path
    }

    /// A new empty folder in the temporary directory; the caller removes it.
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("YOLOExportTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
