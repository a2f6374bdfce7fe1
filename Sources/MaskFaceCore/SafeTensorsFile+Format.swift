import Foundation

/// Decoding and encoding of the safetensors bytes: the header length, the JSON header and
/// its checks (element type, shape, offsets against the data that follows).
extension SafeTensorsFile {
    /// What is wrong with a file's bytes; `read` adds the path.
    struct FormatProblem: Error {
        let text: String
    }

    struct HeaderEntry {
        let name: String
        let elementType: ElementType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    /// The entries of a whole file's bytes, each a slice of `data` (no copy).
    static func decode(_ data: Data) throws -> SafeTensorsFile {
        guard data.count >= 8 else {
            throw FormatProblem(text: "truncated file: \(data.count) bytes, need at least 8")
        }
        let start = data.startIndex
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        guard headerLength <= UInt64(data.count - 8) else {
            throw FormatProblem(text: "truncated file: header length \(headerLength) exceeds the "
                + "\(data.count - 8) bytes after the length field")
        }
        let dataStart = start + 8 + Int(headerLength)
        let header = try parseHeader(data.subdata(in: (start + 8)..<dataStart))
        let payloadSize = data.endIndex - dataStart
        var entries: [(offset: Int, entry: Entry)] = []
        for entry in header.entries {
            guard entry.begin <= entry.end, entry.end <= payloadSize else {
                throw FormatProblem(text: "offsets out of range for '\(entry.name)': "
                    + "[\(entry.begin), \(entry.end)) in \(payloadSize) data bytes")
            }
            let expected = try byteCount(entry)
            guard entry.end - entry.begin == expected else {
                throw FormatProblem(text: "'\(entry.name)' has \(entry.end - entry.begin) "
                    + "bytes, shape \(entry.shape) of \(entry.elementType) needs "
                    + "\(expected)")
            }
            let bytes = data[(dataStart + entry.begin)..<(dataStart + entry.end)]
            entries.append((entry.begin, Entry(name: entry.name, elementType: entry.elementType,
                                               shape: entry.shape, bytes: bytes)))
        }
        entries.sort { ($0.offset, $0.entry.name) < ($1.offset, $1.entry.name) }
        return SafeTensorsFile(entries: entries.map(\.entry), metadata: header.metadata)
    }

    /// Bytes the entry's shape needs; a shape whose size overflows is a bad header.
    static func byteCount(_ entry: HeaderEntry) throws -> Int {
        var total = entry.elementType.byteWidth
        for size in entry.shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw FormatProblem(text: "bad header: shape \(entry.shape) of '\(entry.name)' "
                    + "is too large")
            }
            total = product
        }
        return total
    }

    static func parseHeader(_ bytes: Data) throws
        -> (entries: [HeaderEntry], metadata: [String: String])
    {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes)
        } catch {
            throw FormatProblem(text: "bad header: not JSON (\(error.localizedDescription))")
        }
        guard let fields = object as? [String: Any] else {
            throw FormatProblem(text: "bad header: not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [HeaderEntry] = []
        for (name, value) in fields {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else {
                    throw FormatProblem(
                        text: "bad header: __metadata__ must map strings to strings")
                }
                metadata = strings
                continue
            }
            entries.append(try parseEntry(name: name, value: value))
        }
        return (entries, metadata)
    }

    static func parseEntry(name: String, value: Any) throws -> HeaderEntry {
        guard let info = value as? [String: Any], let code = info["dtype"] as? String,
            let shape = integers(info["shape"]), let offsets = integers(info["data_offsets"]),
            offsets.count == 2
        else {
            throw FormatProblem(text: "bad header: entry '\(name)' needs dtype, shape and two "
                + "data_offsets")
        }
        guard let elementType = ElementType(rawValue: code) else {
            let supported = ElementType.allCases.map(\.rawValue).sorted()
            throw FormatProblem(text: "unsupported dtype \(code) for '\(name)' (supported: "
                + "\(supported.joined(separator: ", ")))")
        }
        guard shape.allSatisfy({ $0 >= 0 }), offsets.allSatisfy({ $0 >= 0 }) else {
            throw FormatProblem(text: "bad header: negative shape or offset for '\(name)'")
        }
        return HeaderEntry(name: name, elementType: elementType, shape: shape,
                           begin: offsets[0], end: offsets[1])
    }

    /// JSON numbers arrive as NSNumber; only exact non-fractional values are accepted.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let numbers = value as? [NSNumber] else { return nil }
        let values = numbers.compactMap { Int(exactly: $0.doubleValue) }
        return values.count == numbers.count ? values : nil
    }

    /// The whole file: length, header (metadata first, then the entries in order) and data.
    func encoded() throws -> Data {
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = try metadata.keys.sorted().map { key in
                "\(try Self.quoted(key)):\(try Self.quoted(metadata[key] ?? ""))"
            }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var payload = Data()
        for entry in entries {
            let begin = payload.count
            payload.append(entry.bytes)
            let shape = entry.shape.map(String.init).joined(separator: ",")
            fields.append("\(try Self.quoted(entry.name)):{\"dtype\":"
                + "\"\(entry.elementType.rawValue)\",\"shape\":[\(shape)],"
                + "\"data_offsets\":[\(begin),\(payload.count)]}")
        }
        var header = Data("{\(fields.joined(separator: ","))}".utf8)
        // Pad with spaces so the data starts 8-byte aligned, as the reference writer does.
        header.append(contentsOf: [UInt8](repeating: 0x20, count: (8 - header.count % 8) % 8))
        var file = Data()
        let length = UInt64(header.count)
        file.append(contentsOf: (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) })
        file.append(header)
        file.append(payload)
        return file
    }

    private static func quoted(_ text: String) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: [text], options: [.fragmentsAllowed])
        // `["text"]` with JSON escaping; drop the brackets.
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
