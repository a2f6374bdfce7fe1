import Foundation

/// A minimal safetensors reader for the reference fixtures (F32 and U8 tensors only):
/// 8-byte little-endian header length, a JSON header of name → dtype, shape and byte
/// offsets, then the raw little-endian data.
struct SafeTensorsFixture {
    struct Entry {
        let dtype: String
        let shape: [Int]
        let range: Range<Int>
    }

    let entries: [String: Entry]
    private let data: Data
    private let dataStart: Int

    init(path: String) throws {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
        let length = data.prefix(8).enumerated().reduce(0) {
            $0 | Int($1.element) << (8 * $1.offset)
        }
        dataStart = 8 + length
        let header = try JSONSerialization.jsonObject(with: data.subdata(in: 8..<dataStart))
        var entries: [String: Entry] = [:]
        for (name, value) in header as? [String: Any] ?? [:] {
            guard let fields = value as? [String: Any], let dtype = fields["dtype"] as? String,
                let shape = fields["shape"] as? [Int],
                let offsets = fields["data_offsets"] as? [Int]
            else { continue }
            entries[name] = Entry(dtype: dtype, shape: shape, range: offsets[0]..<offsets[1])
        }
        self.entries = entries
    }

    /// An F32 tensor's values, row-major.
    func floats(_ name: String) throws -> (shape: [Int], values: [Float]) {
        guard let entry = entries[name], entry.dtype == "F32" else {
            throw CocoaError(.fileReadCorruptFile, userInfo: ["tensor": name])
        }
        let start = dataStart + entry.range.lowerBound
        let bytes = data.subdata(in: start..<(dataStart + entry.range.upperBound))
        let values = bytes.withUnsafeBytes { raw in
            (0..<(bytes.count / 4)).map {
                let bits = raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)
                return Float(bitPattern: UInt32(littleEndian: bits))
            }
        }
        return (entry.shape, values)
    }
}
