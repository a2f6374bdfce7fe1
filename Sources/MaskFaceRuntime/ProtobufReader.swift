/// Walks the fields of one protobuf message in wire format, for `ONNXModelInfo`.
///
/// Written by hand because only a handful of ONNX header fields are needed and no protobuf
/// library is linked. Supports the wire types proto3 uses: varint (0), 64-bit (1),
/// length-delimited (2) and 32-bit (5); the deprecated groups (3, 4) are malformed input.
struct ProtobufReader {
    struct Malformed: Error {
        let reason: String
    }

    enum Payload {
        case varint(UInt64)
        case fixed
        case bytes(ArraySlice<UInt8>)
    }

    struct Field {
        let number: Int
        let payload: Payload
    }

    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
    }

    /// The next field, or nil at the end of the message.
    mutating func nextField() throws -> Field? {
        guard !bytes.isEmpty else { return nil }
        let key = try readVarint()
        let number = Int(key >> 3)
        switch key & 7 {
        case 0:
            return Field(number: number, payload: .varint(try readVarint()))
        case 1:
            try skip(8)
            return Field(number: number, payload: .fixed)
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.count) else {
                throw Malformed(reason: "field \(number) runs past the end of its message")
            }
            let start = bytes.startIndex
            let payload = bytes[start..<(start + Int(length))]
            bytes = bytes[(start + Int(length))...]
            return Field(number: number, payload: .bytes(payload))
        case 5:
            try skip(4)
            return Field(number: number, payload: .fixed)
        default:
            throw Malformed(reason: "unsupported wire type \(key & 7) in field \(number)")
        }
    }

    private mutating func readVarint() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = bytes.first {
            bytes = bytes.dropFirst()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
            guard shift < 64 else { break }
        }
        throw Malformed(reason: "truncated or overlong varint")
    }

    private mutating func skip(_ count: Int) throws {
        guard bytes.count >= count else { throw Malformed(reason: "truncated fixed field") }
        bytes = bytes.dropFirst(count)
    }
}
