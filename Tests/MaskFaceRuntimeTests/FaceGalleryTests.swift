import Foundation
import Testing
import MaskFaceVision

@testable import MaskFaceRuntime

/// The SQLite gallery: round trip, owner-only file mode, and that neither a failure inside
/// an enrollment nor a process killed in the middle of one changes what was stored.
@Suite struct FaceGalleryTests {
    static func entry(_ name: String, _ faceClass: FaceClass, seed: Float) -> GalleryEntry {
        let values = (0..<128).map { sin(Float($0) * 0.37 + seed) / 11.3 }
        return GalleryEntry(name: name, faceClass: faceClass,
                            descriptor: FaceDescriptor(values: values), source: "\(name).jpg",
                            enrolledAt: Date(timeIntervalSince1970: 1_700_000_000 + Double(seed)))
    }

    static let base = [entry("Ada", .mask, seed: 1), entry("Ada", .nomask, seed: 2),
                       entry("Grace", .nomask, seed: 3)]

    @Test func storesListsAndRemoves() throws {
        let path = try TestPaths.temporaryFolder() + "/gallery.sqlite"
        try FaceGallery(path: path).add(Self.base)
        let gallery = try FaceGallery(path: path)
        #expect(try gallery.entries() == Self.base)
        #expect(try gallery.entries(of: .mask).map(\.name) == ["Ada"])
        let identities = try gallery.identities()
        #expect(identities.map(\.name) == ["Ada", "Grace"])
        #expect(identities.map(\.maskCount) == [1, 0])
        #expect(identities.map(\.nomaskCount) == [1, 1])
        #expect(try gallery.remove(name: "Ada") == 2)
        #expect(try gallery.remove(name: "Ada") == nil)
        #expect(try gallery.entries().map(\.name) == ["Grace"])
    }

    @Test func fileIsReadableByItsOwnerOnly() throws {
        let folder = try TestPaths.temporaryFolder() + "/new/folder"
        let path = folder + "/gallery.sqlite"
        let gallery = try FaceGallery(path: path)
        try gallery.add(Self.base)
        for file in [path, path + "-wal"] where TestPaths.exists(file) {
            let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions]
            #expect((mode as? Int).map { $0 & 0o777 } == 0o600, "\(file)")
        }
        let folderMode = try FileManager.default
            .attributesOfItem(atPath: folder)[.posixPermissions]
        #expect((folderMode as? Int).map { $0 & 0o777 } == 0o700)
    }

    struct InjectedFailure: Error {}

    @Test func failureInsideAnEnrollmentRollsBack() throws {
        let path = try TestPaths.temporaryFolder() + "/gallery.sqlite"
        let gallery = try FaceGallery(path: path)
        try gallery.add(Self.base)
        #expect(throws: InjectedFailure.self) {
            try gallery.transaction { gallery in
                try gallery.insert(Self.entry("Alan", .nomask, seed: 4))
                try gallery.insert(Self.entry("Ada", .mask, seed: 5))
                throw InjectedFailure()
            }
        }
        #expect(try FaceGallery(path: path).entries() == Self.base)
    }

    /// What a process killed mid-enrollment leaves on disk: the database and its WAL as
    /// they are while the transaction is open, with uncommitted pages already spilled
    /// into the WAL (a one-page cache forces that). A copy of those files, opened as a
    /// fresh process would after the kill, holds exactly the committed content.
    @Test func processKilledMidEnrollmentLeavesThePreviousContent() throws {
        let folder = try TestPaths.temporaryFolder()
        let path = folder + "/gallery.sqlite"
        let gallery = try FaceGallery(path: path)
        try gallery.add(Self.base)
        try gallery.connection.execute("PRAGMA cache_size = 1")
        let snapshot = try TestPaths.temporaryFolder() + "/gallery.sqlite"
        try gallery.transaction { gallery in
            for index in 0..<300 {
                try gallery.insert(Self.entry("Person\(index)", .nomask, seed: Float(index)))
            }
            let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size]
            #expect(((walSize as? Int) ?? 0) > 100_000, "uncommitted pages reached the WAL")
            for suffix in ["", "-wal", "-shm"] where TestPaths.exists(path + suffix) {
                try FileManager.default.copyItem(
                    atPath: path + suffix, toPath: snapshot + suffix)
            }
        }
        #expect(try FaceGallery(path: snapshot).entries() == Self.base)
        #expect(try gallery.entries().count == Self.base.count + 300)
    }
}
