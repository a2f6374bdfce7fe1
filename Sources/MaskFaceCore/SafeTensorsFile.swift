import Foundation

/// A safetensors file at the byte level: named raw buffers with their element type and
/// shape, plus the optional string metadata. Foundation only, so that code without
/// libtorch (the runtime, the checkpoint reader's tests) reads the same files the trainer
/// writes; `Torch.SafeTensors` turns the buffers into tensors.
///
/// Written here in Swift because libtorch 1.13 has no reader for the format and the
/// format is small:
///
///     [8 bytes: header length N, unsigned little-endian]
///     [N bytes: JSON object {"name": {"dtype": "F32", "shape": [..], "data_offsets": [b, e]},
///               ..., optional "__metadata__": {string: string}}]
///     [data: each tensor's row-major little-endian bytes at [b, e) relative to this point]
public struct SafeTensorsFile: Sendable {
    /// The element types this reader knows, by their safetensors codes.
    /// The case names are PyTorch's (`float32`), which is how error messages print them.
    public enum ElementType: String, Sendable, CaseIterable {
        case float32 = "F32"
        case float64 = "F64"
        case float16 = "F16"
        case int64 = "I64"
        case int32 = "I32"
        case uint8 = "U8"
        case bool = "BOOL"

        /// Bytes per element.
        public var byteWidth: Int {
            switch self {
            case .float64, .int64: 8
            case .float32, .int32: 4
            case .float16: 2
            case .uint8, .bool: 1
            }
        }
    }

    /// One tensor's bytes, row-major and little-endian.
    public struct Entry: Sendable {
        public var name: String
        public var elementType: ElementType
        public var shape: [Int]
        public var bytes: Data

        public init(name: String, elementType: ElementType, shape: [Int], bytes: Data) {
            self.name = name
            self.elementType = elementType
            self.shape = shape
            self.bytes = bytes
        }
    }

    /// Entries in the order of their data in the file.
    public var entries: [Entry]
    /// The optional `__metadata__` strings.
    public var metadata: [String: String]
    /// The file read, for error messages; nil for entries built in memory.
    public private(set) var path: String?

    public init(entries: [Entry], metadata: [String: String] = [:]) {
        self.entries = entries
        self.metadata = metadata
    }

    /// The entry called `name`, if any.
    public subscript(name: String) -> Entry? {
        entries.first { $0.name == name }
    }

    /// Reads a whole file.
    ///
    /// Known gap: entries come back in data order, not the header's JSON order, because
    /// Foundation's JSON parser does not keep key order; an ordered JSON scanner would fix
    /// it. (Files written by the Python library sort both anyway.) The file is memory-mapped
    /// and the entries are slices of it, so a caller that copies them into tensors holds
    /// one file plus the tensors at the peak.
    public static func read(_ url: URL) throws -> SafeTensorsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .alwaysMapped)
        } catch {
            throw SafeTensorsError(path: url.path, problem: "cannot read: \(error)")
        }
        do {
            var file = try decode(data)
            file.path = url.path
            return file
        } catch let problem as FormatProblem {
            throw SafeTensorsError(path: url.path, problem: problem.text)
        }
    }

    /// Writes the entries in their order, atomically: the bytes go to a temporary file in
    /// the same folder, which is then renamed over `url`, so readers never see half a file.
    public func write(to url: URL) throws {
        let data = try encoded()
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

    /// The values of the F32 entry `name`, row-major, with its shape; throws when there is
    /// no such entry or it holds another type.
    public func floats(_ name: String) throws -> (shape: [Int], values: [Float]) {
        let source = path ?? "(in memory)"
        guard let entry = self[name] else {
            throw SafeTensorsError(path: source, problem: "no tensor '\(name)'")
        }
        guard entry.elementType == .float32 else {
            throw SafeTensorsError(
                path: source, problem: "'\(name)' holds \(entry.elementType.rawValue), not F32")
        }
        let values = entry.bytes.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map {
                let bits = raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)
                return Float(bitPattern: UInt32(littleEndian: bits))
            }
        }
        return (entry.shape, values)
    }
}

/// A safetensors file that could not be read or written.
public struct SafeTensorsError: Error, CustomStringConvertible, Equatable {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "safetensors \(path): \(problem)" }
}
