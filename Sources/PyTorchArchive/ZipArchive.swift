// A minimal zip reader for torch.save archives.
//
// Written by hand because Foundation on Linux has no zip reader and torch's layout needs only
// a small part of the format: the central directory (with ZIP64 records, which torch always
// writes), local headers, and stored (uncompressed) members checked against their CRC-32.
import Foundation

/// A zip archive held in memory, with its members indexed by name.
///
/// Member sizes come from the central directory, not the local headers: torch writes each
/// member with a trailing data descriptor, so its local headers carry zero sizes.
struct ZipArchive {
    /// One member as the central directory describes it.
    struct Entry {
        let name: String
        let method: UInt16
        let flags: UInt16
        let checksum: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
    }

    let path: String
    let bytes: [UInt8]
    /// Members in central-directory order.
    let entries: [Entry]
    private let indexByName: [String: Int]

    /// Reads the whole file; a .pt checkpoint is a few megabytes, so memory is not a concern.
    init(path: String) throws(CheckpointError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CheckpointError(path: path, problem: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CheckpointError(path: path, problem: "file cannot be read")
        }
        try self.init(path: path, bytes: [UInt8](data))
    }

    init(path: String, bytes: [UInt8]) throws(CheckpointError) {
        self.path = path
        self.bytes = bytes
        let directory = try ZipArchive.locateCentralDirectory(path: path, bytes: bytes)
        entries = try ZipArchive.readCentralDirectory(path: path, bytes: bytes, at: directory)
        var index: [String: Int] = [:]
        for (position, entry) in entries.enumerated() where index[entry.name] == nil {
            index[entry.name] = position
        }
        indexByName = index
    }

    func entry(named name: String) -> Entry? {
        indexByName[name].map { entries[$0] }
    }

    /// The bytes of a member, or an error naming the member if it is absent.
    func contents(of name: String) throws(CheckpointError) -> ArraySlice<UInt8> {
        guard let entry = entry(named: name) else {
            throw fail("missing member \(name)")
        }
        return try contents(of: entry)
    }

    /// The bytes of a stored member after its local header, verified against its CRC-32.
    func contents(of entry: Entry) throws(CheckpointError) -> ArraySlice<UInt8> {
        guard entry.flags & 1 == 0 else { throw fail("member \(entry.name) is encrypted") }
        guard entry.method == 0 else {
            let method = entry.method == 8 ? "deflate" : "method \(entry.method)"
            throw fail("member \(entry.name) is compressed with \(method); torch.save stores "
                + "members uncompressed, so this archive was not written by torch.save")
        }
        var cursor = ByteCursor(bytes, offset: entry.localHeaderOffset)
        guard entry.localHeaderOffset < bytes.count, cursor.readUInt32() == 0x0403_4b50,
            cursor.skip(22), let nameLength = cursor.readUInt16(),
            let extraLength = cursor.readUInt16(),
            cursor.skip(Int(nameLength) + Int(extraLength)),
            let data = cursor.readBytes(entry.compressedSize)
        else {
            throw fail("truncated: member \(entry.name) extends past the end of the file")
        }
        guard ZipChecksum.crc32(data) == entry.checksum else {
            throw fail("member \(entry.name) is corrupt (CRC-32 mismatch)")
        }
        return data
    }

    private func fail(_ problem: String) -> CheckpointError {
        CheckpointError(path: path, problem: problem)
    }
}

// MARK: - Central directory

extension ZipArchive {
    /// Where the central directory starts and how many members it lists.
    struct DirectoryLocation {
        var offset: Int
        var size: Int
        var count: Int
    }

    private static let endOfDirectorySignature: UInt32 = 0x0605_4b50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4b50
    private static let zip64EndSignature: UInt32 = 0x0606_4b50

    /// Finds the end-of-central-directory record by scanning back over a possible comment.
    static func locateCentralDirectory(
        path: String, bytes: [UInt8]
    ) throws(CheckpointError) -> DirectoryLocation {
        let minimumRecord = 22
        guard bytes.count >= minimumRecord,
            let recordOffset = findEndRecord(bytes)
        else {
            throw CheckpointError(path: path, problem: describeMissingEndRecord(bytes))
        }
        var cursor = ByteCursor(bytes, offset: recordOffset + 4)
        guard let disk = cursor.readUInt16(), let directoryDisk = cursor.readUInt16(),
            cursor.skip(2), let count = cursor.readUInt16(),
            let size = cursor.readUInt32(), let offset = cursor.readUInt32()
        else {
            throw CheckpointError(path: path, problem: "truncated end-of-central-directory record")
        }
        guard disk == 0 || disk == 0xFFFF, directoryDisk == 0 || directoryDisk == 0xFFFF else {
            throw CheckpointError(path: path,
                problem: "multi-volume zip archives are not supported")
        }
        let location = DirectoryLocation(offset: Int(offset), size: Int(size), count: Int(count))
        let needsZip64 = count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF
        let hasLocator = recordOffset >= 20
            && ByteCursor(bytes, offset: recordOffset - 20).peekUInt32() == zip64LocatorSignature
        guard needsZip64 || hasLocator else { return location }
        return try readZip64End(path: path, bytes: bytes, locatorOffset: recordOffset - 20)
    }

    private static func findEndRecord(_ bytes: [UInt8]) -> Int? {
        let last = bytes.count - 22
        let first = max(0, last - 0xFFFF)
        for start in stride(from: last, through: first, by: -1)
        where ByteCursor(bytes, offset: start).peekUInt32() == endOfDirectorySignature {
            return start
        }
        return nil
    }

    /// Tells a truncated zip apart from files that never were zips.
    private static func describeMissingEndRecord(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0x50, 0x4b, 0x03, 0x04]) {
            return "truncated zip archive (end-of-central-directory record missing)"
        }
        if bytes.first == 0x80 {
            return "legacy torch.save format (a bare pickle, before torch 1.6), not a zip "
                + "archive; re-save it with a newer torch.save"
        }
        if bytes.isEmpty { return "empty file, not a zip archive" }
        return "not a zip archive (no end-of-central-directory record)"
    }

    private static func readZip64End(
        path: String, bytes: [UInt8], locatorOffset: Int
    ) throws(CheckpointError) -> DirectoryLocation {
        var locator = ByteCursor(bytes, offset: locatorOffset + 8)
        guard locatorOffset >= 0, let endOffset = locator.readUInt64(),
            endOffset < UInt64(bytes.count)
        else {
            throw CheckpointError(path: path, problem: "truncated ZIP64 end-of-directory locator")
        }
        var cursor = ByteCursor(bytes, offset: Int(endOffset))
        guard cursor.readUInt32() == zip64EndSignature, cursor.skip(28),
            let count = cursor.readUInt64(), let size = cursor.readUInt64(),
            let offset = cursor.readUInt64(),
            count < UInt64(Int32.max), size < UInt64(bytes.count), offset < UInt64(bytes.count)
        else {
            throw CheckpointError(path: path, problem: "damaged ZIP64 end-of-directory record")
        }
        return DirectoryLocation(offset: Int(offset), size: Int(size), count: Int(count))
    }

    static func readCentralDirectory(
        path: String, bytes: [UInt8], at location: DirectoryLocation
    ) throws(CheckpointError) -> [Entry] {
        var cursor = ByteCursor(bytes, offset: location.offset)
        guard location.offset + location.size <= bytes.count else {
            throw CheckpointError(path: path, problem: "truncated: central directory extends "
                + "past the end of the file")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(location.count)
        for number in 0..<location.count {
            guard let entry = readDirectoryEntry(&cursor) else {
                throw CheckpointError(path: path,
                    problem: "damaged central directory at member \(number)")
            }
            entries.append(entry)
        }
        return entries
    }

    /// Reads one central-directory record; nil if it is cut short or has a bad signature.
    private static func readDirectoryEntry(_ cursor: inout ByteCursor) -> Entry? {
        guard cursor.readUInt32() == 0x0201_4b50, cursor.skip(4),
            let flags = cursor.readUInt16(), let method = cursor.readUInt16(), cursor.skip(4),
            let checksum = cursor.readUInt32(), let compressed = cursor.readUInt32(),
            let uncompressed = cursor.readUInt32(), let nameLength = cursor.readUInt16(),
            let extraLength = cursor.readUInt16(), let commentLength = cursor.readUInt16(),
            cursor.skip(8), let localOffset = cursor.readUInt32(),
            let nameBytes = cursor.readBytes(Int(nameLength)),
            let extra = cursor.readBytes(Int(extraLength)), cursor.skip(Int(commentLength))
        else { return nil }
        var sizes = Zip64Sizes(
            uncompressed: UInt64(uncompressed), compressed: UInt64(compressed),
            localOffset: UInt64(localOffset))
        guard sizes.applyExtraField(ByteCursor(Array(extra))),
            let compressedSize = Int(exactly: sizes.compressed),
            let uncompressedSize = Int(exactly: sizes.uncompressed),
            let headerOffset = Int(exactly: sizes.localOffset)
        else { return nil }
        return Entry(
            name: String(decoding: nameBytes, as: UTF8.self), method: method, flags: flags,
            checksum: checksum, compressedSize: compressedSize,
            uncompressedSize: uncompressedSize, localHeaderOffset: headerOffset)
    }
}

/// The three fields a ZIP64 extended-information extra field may widen to 64 bits.
private struct Zip64Sizes {
    var uncompressed: UInt64
    var compressed: UInt64
    var localOffset: UInt64

    /// Replaces the 32-bit fields that hold 0xFFFFFFFF with the 64-bit values from the
    /// extra field (id 0x0001), in the order the zip specification fixes.
    mutating func applyExtraField(_ extra: ByteCursor) -> Bool {
        var cursor = extra
        while cursor.remaining >= 4 {
            guard let id = cursor.readUInt16(), let length = cursor.readUInt16(),
                let body = cursor.readBytes(Int(length))
            else { return false }
            guard id == 0x0001 else { continue }
            var field = ByteCursor(Array(body))
            for keyPath in [\Zip64Sizes.uncompressed, \.compressed, \.localOffset]
            where self[keyPath: keyPath] == 0xFFFF_FFFF {
                guard let wide = field.readUInt64() else { return false }
                self[keyPath: keyPath] = wide
            }
        }
        return true
    }
}

extension ByteCursor {
    /// The next four bytes as a little-endian value, without moving.
    func peekUInt32() -> UInt32? {
        var copy = self
        return copy.readUInt32()
    }
}
