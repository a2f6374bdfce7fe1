import Foundation
import MaskFaceCore
import MaskFaceVision

/// The face gallery: identities and their descriptors in a SQLite file.
///
/// Each descriptor is tagged `mask` or `nomask`, so a masked face is matched only against
/// masked enrollments and an unmasked one against unmasked ones. Writes happen in
/// transactions: a process that dies mid-enrollment leaves the gallery as it was before
/// (SQLite's write-ahead log ignores frames without a commit). The file, and the WAL and
/// shared-memory files SQLite creates beside it with the same mode, are readable by the
/// owner only (0600): descriptors are biometric data.
///
/// Not `Sendable`: one connection, used from one thread at a time.
public final class FaceGallery {
    public let path: String
    let connection: SQLiteConnection

    /// `~/.local/share/maskface/gallery.sqlite` (under `$XDG_DATA_HOME` when set).
    public static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        DataFolder.path(environment: environment) + "/gallery.sqlite"
    }

    /// Opens the gallery at `path`, creating it (and its folder, mode 0700) when missing.
    public init(path: String) throws {
        try Self.createOwnerOnly(path)
        self.path = path
        connection = try SQLiteConnection(path: path)
        try connection.execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            CREATE TABLE IF NOT EXISTS identities (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                created_at REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS descriptors (
                id INTEGER PRIMARY KEY,
                identity_id INTEGER NOT NULL REFERENCES identities(id) ON DELETE CASCADE,
                face_class TEXT NOT NULL CHECK (face_class IN ('mask', 'nomask')),
                source TEXT NOT NULL,
                enrolled_at REAL NOT NULL,
                vector BLOB NOT NULL);
            CREATE INDEX IF NOT EXISTS descriptors_by_class ON descriptors(face_class);
            """)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it
    /// throws (the error is rethrown), so the gallery never holds half of an enrollment.
    public func transaction<Result>(_ body: (FaceGallery) throws -> Result) throws -> Result {
        try connection.execute("BEGIN IMMEDIATE")
        do {
            let result = try body(self)
            try connection.execute("COMMIT")
            return result
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Stores entries in one transaction.
    public func add(_ entries: [GalleryEntry]) throws {
        try transaction { gallery in
            for entry in entries { try gallery.insert(entry) }
        }
    }

    /// Stores one entry; call inside `transaction` to group several.
    public func insert(_ entry: GalleryEntry) throws {
        let identity = try connection.prepare(
            "INSERT INTO identities (name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING")
        let time = entry.enrolledAt.timeIntervalSince1970
        try identity.run([.text(entry.name), .real(time)])
        let descriptor = try connection.prepare("""
            INSERT INTO descriptors (identity_id, face_class, source, enrolled_at, vector)
            SELECT id, ?, ?, ?, ? FROM identities WHERE name = ?
            """)
        try descriptor.run([
            .text(entry.faceClass.rawValue), .text(entry.source), .real(time),
            .blob(DescriptorBlob.encode(entry.descriptor)), .text(entry.name),
        ])
    }

    /// Every stored descriptor, optionally of one class, ordered by name then time.
    public func entries(of faceClass: FaceClass? = nil) throws -> [GalleryEntry] {
        let statement = try connection.prepare("""
            SELECT i.name, d.face_class, d.vector, d.source, d.enrolled_at
            FROM descriptors d JOIN identities i ON i.id = d.identity_id
            WHERE ?1 IS NULL OR d.face_class = ?1
            ORDER BY i.name, d.enrolled_at, d.id
            """)
        try statement.bind(faceClass.map { [.text($0.rawValue)] } ?? [])
        var entries: [GalleryEntry] = []
        while try statement.step() {
            guard let faceClass = FaceClass(rawValue: statement.text(1)),
                let descriptor = DescriptorBlob.decode(statement.blob(2))
            else { continue }
            entries.append(GalleryEntry(
                name: statement.text(0), faceClass: faceClass, descriptor: descriptor,
                source: statement.text(3),
                enrolledAt: Date(timeIntervalSince1970: statement.real(4))))
        }
        return entries
    }

    /// Identities with their descriptor counts per class, by name.
    public func identities() throws -> [GalleryIdentity] {
        let statement = try connection.prepare("""
            SELECT i.name,
                   SUM(d.face_class = 'mask'), SUM(d.face_class = 'nomask'),
                   MAX(COALESCE(d.enrolled_at, i.created_at))
            FROM identities i LEFT JOIN descriptors d ON d.identity_id = i.id
            GROUP BY i.id ORDER BY i.name
            """)
        var identities: [GalleryIdentity] = []
        while try statement.step() {
            identities.append(GalleryIdentity(
                name: statement.text(0), maskCount: Int(statement.integer(1)),
                nomaskCount: Int(statement.integer(2)),
                lastEnrolledAt: Date(timeIntervalSince1970: statement.real(3))))
        }
        return identities
    }

    /// Removes an identity and all its descriptors; returns how many descriptors went
    /// (nil when there is no such identity).
    public func remove(name: String) throws -> Int? {
        try transaction { gallery in
            let count = try gallery.connection.prepare("""
                SELECT COUNT(d.id) FROM identities i
                LEFT JOIN descriptors d ON d.identity_id = i.id WHERE i.name = ?
                GROUP BY i.id
                """)
            try count.bind([.text(name)])
            guard try count.step() else { return nil }
            let removed = Int(count.integer(0))
            try gallery.connection.prepare("DELETE FROM identities WHERE name = ?")
                .run([.text(name)])
            return removed
        }
    }

    /// Creates the file with mode 0600 before SQLite opens it (SQLite would use the umask,
    /// typically 0644), and tightens an existing file's mode.
    private static func createOwnerOnly(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o700])
            } catch {
                throw GalleryError(path: path, operation: "create folder",
                                   message: error.localizedDescription)
            }
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw GalleryError(path: path, operation: "create",
                               message: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            throw GalleryError(path: path, operation: "restrict to owner",
                               message: String(cString: strerror(errno)))
        }
    }
}
