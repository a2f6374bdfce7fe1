// Bounds-checked little-endian reads over a byte buffer, shared by the zip and pickle readers.

/// A read position in a byte buffer that never traps: a read past the end returns nil.
///
/// Both file formats here are read from untrusted bytes, so every read is checked and the
/// caller turns a nil into an error that says which structure was cut short.
struct ByteCursor {
    let bytes: [UInt8]
    private(set) var offset: Int

    init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = min(max(0, offset), bytes.count)
    }

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: Int { max(0, bytes.count - offset) }

    mutating func readByte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    /// Reads `count` bytes as an unsigned little-endian integer (count <= 8).
    mutating func readUnsigned(_ count: Int) -> UInt64? {
        guard count >= 0, count <= 8, count <= remaining else { return nil }
        var value: UInt64 = 0
        for index in 0..<count {
            value |= UInt64(bytes[offset + index]) << (8 * UInt64(index))
        }
        offset += count
        return value
    }

    mutating func readUInt16() -> UInt16? { readUnsigned(2).map { UInt16($0) } }
    mutating func readUInt32() -> UInt32? { readUnsigned(4).map { UInt32($0) } }
    mutating func readUInt64() -> UInt64? { readUnsigned(8) }

    mutating func readBytes(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, count <= remaining else { return nil }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    /// Reads up to and excluding the next newline, consuming the newline (pickle text opcodes).
    mutating func readLine() -> ArraySlice<UInt8>? {
        guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        defer { offset = end + 1 }
        return bytes[offset..<end]
    }

    mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= remaining else { return false }
        offset += count
        return true
    }
}
