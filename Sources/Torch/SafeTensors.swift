import Foundation

/// Reading and writing the safetensors format, written here in Swift because libtorch 1.13
/// has no reader for it and the format is small:
///
///     [8 bytes: header length N, unsigned little-endian]
///     [N bytes: JSON object {"name": {"dtype": "F32", "shape": [..], "data_offsets": [b, e]},
///               ..., optional "__metadata__": {string: string}}]
///     [data: each tensor's row-major little-endian bytes at [b, e) relative to this point]
///
/// Supported dtypes: F32, F64, F16, I64, I32, U8, BOOL.
public enum SafeTensors {
    /// Everything a file holds.
    public struct Contents: Sendable {
        /// Tensors in the order of their data in the file (CPU, the file's dtypes).
        public var tensors: NamedTensors
        /// The optional `__metadata__` strings.
        public var metadata: [String: String]
    }

    /// Reads a whole file into CPU tensors.
    ///
    /// Known gap: tensors come back in data order, not the header's JSON order, because
    /// Foundation's JSON parser does not keep key order; an ordered JSON scanner would fix
    /// it. (Files written by the Python library sort both anyway.) The file is memory-mapped
    /// and each tensor copied, so peak memory is one file plus the tensors.
    public static func read(_ url: URL) throws -> Contents {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw SafeTensorsError(path: url.path, problem: "cannot read: \(error)")
        }
        do {
            return try decode(data)
        } catch let problem as Problem {
            throw SafeTensorsError(path: url.path, problem: problem.text)
        }
    }

    /// Writes `tensors` in their order, atomically: the bytes go to a temporary file in the
    /// same folder, which is then renamed over `url`, so readers never see half a file.
    public static func write(_ tensors: NamedTensors, metadata: [String: String] = [:],
                             to url: URL) throws {
        let data = try encode(tensors, metadata: metadata)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw SafeTensorsError(path: url.path, problem: "cannot write: \(error)")
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw SafeTensorsError(path: url.path, problem: "cannot rename into place: \(reason)")
        }
    }

    // MARK: Decoding

    struct Problem: Error {
        let text: String
    }

    static func decode(_ data: Data) throws -> Contents {
        guard data.count >= 8 else {
            throw Problem(text: "truncated file: \(data.count) bytes, need at least 8")
        }
        let headerLength = data.prefix(8).enumerated().reduce(UInt64(0)) {
            $0 | UInt64($1.element) << (8 * UInt64($1.offset))
        }
        guard headerLength <= UInt64(data.count - 8) else {
            throw Problem(text: "truncated file: header length \(headerLength) exceeds the "
                + "\(data.count - 8) bytes after the length field")
        }
        let dataStart = 8 + Int(headerLength)
        let header = try parseHeader(data.subdata(in: 8..<dataStart))
        let payloadSize = data.count - dataStart
        var entries: [(offset: Int, name: String, tensor: Tensor)] = []
        for entry in header.entries {
            guard entry.begin <= entry.end, entry.end <= payloadSize else {
                throw Problem(text: "offsets out of range for '\(entry.name)': [\(entry.begin), "
                    + "\(entry.end)) in \(payloadSize) data bytes")
            }
            let expected = try byteCount(entry)
            guard entry.end - entry.begin == expected else {
                throw Problem(text: "'\(entry.name)' has \(entry.end - entry.begin) bytes, shape "
                    + "\(entry.shape) of \(entry.dtype) needs \(expected)")
            }
            let tensor = try data.withUnsafeBytes { bytes in
                let slice = UnsafeRawBufferPointer(
                    rebasing: bytes[(dataStart + entry.begin)..<(dataStart + entry.end)])
                return try Tensor(bytes: slice, shape: entry.shape, dtype: entry.dtype)
            }
            entries.append((entry.begin, entry.name, tensor))
        }
        entries.sort { ($0.offset, $0.name) < ($1.offset, $1.name) }
        return Contents(
            tensors: NamedTensors(entries.map { ($0.name, $0.tensor) }),
            metadata: header.metadata)
    }

    /// Bytes the entry's shape needs; a shape whose size overflows is a bad header.
    static func byteCount(_ entry: HeaderEntry) throws -> Int {
        var total = entry.dtype.byteWidth
        for size in entry.shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw Problem(text: "bad header: shape \(entry.shape) of '\(entry.name)' is too "
                    + "large")
            }
            total = product
        }
        return total
    }

    struct HeaderEntry {
        let name: String
        let dtype: DType
        let shape: [Int]
        let begin: Int
        let end: Int
    }

    static func parseHeader(_ bytes: Data) throws
        -> (entries: [HeaderEntry], metadata: [String: String])
    {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes)
        } catch {
            throw Problem(text: "bad header: not JSON (\(error.localizedDescription))")
        }
        guard let fields = object as? [String: Any] else {
            throw Problem(text: "bad header: not a JSON object")
        }
        var metadata: [String: String] = [:]
        var entries: [HeaderEntry] = []
        for (name, value) in fields {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else {
                    throw Problem(text: "bad header: __metadata__ must map strings to strings")
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
            throw Problem(text: "bad header: entry '\(name)' needs dtype, shape and two "
                + "data_offsets")
        }
        guard let dtype = dtypes[code] else {
            throw Problem(text: "unsupported dtype \(code) for '\(name)' (supported: "
                + "\(dtypes.keys.sorted().joined(separator: ", ")))")
        }
        guard shape.allSatisfy({ $0 >= 0 }), offsets.allSatisfy({ $0 >= 0 }) else {
            throw Problem(text: "bad header: negative shape or offset for '\(name)'")
        }
        return HeaderEntry(name: name, dtype: dtype, shape: shape, begin: offsets[0],
                           end: offsets[1])
    }

    /// JSON numbers arrive as NSNumber; only exact non-fractional values are accepted.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let numbers = value as? [NSNumber] else { return nil }
        let values = numbers.compactMap { Int(exactly: $0.doubleValue) }
        return values.count == numbers.count ? values : nil
    }

    static let dtypes: [String: DType] = [
        "F32": .float32, "F64": .float64, "F16": .float16, "I64": .int64, "I32": .int32,
        "U8": .uint8, "BOOL": .bool,
    ]

    // MARK: Encoding

    static func encode(_ tensors: NamedTensors, metadata: [String: String]) throws -> Data {
        let codes = Dictionary(uniqueKeysWithValues: dtypes.map { ($0.value, $0.key) })
        var fields: [String] = []
        if !metadata.isEmpty {
            let pairs = try metadata.keys.sorted().map { key in
                "\(try quoted(key)):\(try quoted(metadata[key] ?? ""))"
            }
            fields.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var payload = Data()
        for (name, tensor) in tensors {
            let bytes = try tensor.bytes()
            let begin = payload.count
            payload.append(contentsOf: bytes)
            let code = codes[tensor.dtype] ?? "F32"
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            fields.append("\(try quoted(name)):{\"dtype\":\"\(code)\",\"shape\":[\(shape)],"
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

/// A safetensors file that could not be read or written.
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let problem: String

    public var description: String { "safetensors \(path): \(problem)" }
}
