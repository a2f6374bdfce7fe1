import Foundation

/// What the detector needs to know about an ONNX file before running it: the input's name
/// and declared shape, the output names, and the metadata YOLOv5's exporter writes
/// (`stride`, `names`).
///
/// OpenCV 4.6's DNN module does not report a network's declared input shape, and libonnx
/// is not linked into the runtime, so this reads the few protobuf fields it needs by hand:
/// ModelProto.graph (7) → GraphProto.input (11) / output (12) → ValueInfoProto name (1)
/// and type (2) → TypeProto.tensor_type (1) → shape (2) → dim (1) → dim_value (1) or
/// dim_param (2); ModelProto.metadata_props (14) → key (1), value (2). Everything else,
/// the weights included, is skipped by length.
public struct ONNXModelInfo: Sendable, Equatable {
    /// One graph input or output; a dimension is nil when it is symbolic (dynamic).
    public struct Tensor: Sendable, Equatable {
        public let name: String
        public let shape: [Int?]
    }

    public let inputs: [Tensor]
    public let outputs: [Tensor]
    /// `metadata_props` as key → value (YOLOv5: `stride` "32", `names` "{0: 'mask', ...}").
    public let metadata: [String: String]

    /// Reads the header fields of the ONNX file at `path`.
    public init(contentsOf path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw RuntimeError(path, "cannot read the ONNX file (\(error.localizedDescription))")
        }
        do {
            try self.init(bytes: [UInt8](data))
        } catch let problem as ProtobufReader.Malformed {
            throw RuntimeError(path, "not an ONNX model: \(problem.reason)")
        }
    }

    init(bytes: [UInt8]) throws {
        var inputs: [Tensor] = []
        var outputs: [Tensor] = []
        var metadata: [String: String] = [:]
        var model = ProtobufReader(bytes[...])
        var sawGraph = false
        while let field = try model.nextField() {
            switch (field.number, field.payload) {
            case (7, .bytes(let graph)):
                sawGraph = true
                try Self.readGraph(graph, inputs: &inputs, outputs: &outputs)
            case (14, .bytes(let entry)):
                let (key, value) = try Self.readStringPair(entry)
                metadata[key] = value
            default:
                continue
            }
        }
        guard sawGraph else { throw ProtobufReader.Malformed(reason: "no graph") }
        self.inputs = inputs
        self.outputs = outputs
        self.metadata = metadata
    }

    /// Class names from YOLOv5's `names` metadata, a Python dict literal such as
    /// `{0: 'mask', 1: 'nomask'}`, in index order; empty when absent.
    public var classNames: [String] {
        guard let text = metadata["names"] else { return [] }
        var names: [Int: String] = [:]
        for item in text.trimmingCharacters(in: CharacterSet(charactersIn: "{}"))
            .split(separator: ",")
        {
            let parts = item.split(separator: ":", maxSplits: 1)
            guard parts.count == 2,
                let index = Int(parts[0].trimmingCharacters(in: .whitespaces))
            else { continue }
            names[index] = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " '\""))
        }
        return names.keys.sorted().compactMap { names[$0] }
    }

    /// The largest stride of the model (YOLOv5's `stride` metadata), 32 when absent.
    public var maximumStride: Int { metadata["stride"].flatMap { Int($0) } ?? 32 }

    private static func readGraph(
        _ bytes: ArraySlice<UInt8>, inputs: inout [Tensor], outputs: inout [Tensor]
    ) throws {
        var graph = ProtobufReader(bytes)
        while let field = try graph.nextField() {
            guard case .bytes(let valueInfo) = field.payload else { continue }
            if field.number == 11 { inputs.append(try readValueInfo(valueInfo)) }
            if field.number == 12 { outputs.append(try readValueInfo(valueInfo)) }
        }
    }

    private static func readValueInfo(_ bytes: ArraySlice<UInt8>) throws -> Tensor {
        var name = ""
        var shape: [Int?] = []
        var reader = ProtobufReader(bytes)
        while let field = try reader.nextField() {
            guard case .bytes(let payload) = field.payload else { continue }
            if field.number == 1 { name = String(decoding: payload, as: UTF8.self) }
            // type (2) → tensor_type (1) → shape (2) → dim (1), each a nested message.
            if field.number == 2 {
                let shapeMessage = try nested(payload, path: [1, 2])
                shape = try shapeMessage.map(readDimensions) ?? []
            }
        }
        return Tensor(name: name, shape: shape)
    }

    private static func readDimensions(_ bytes: ArraySlice<UInt8>) throws -> [Int?] {
        var dimensions: [Int?] = []
        var reader = ProtobufReader(bytes)
        while let field = try reader.nextField() {
            guard field.number == 1, case .bytes(let dimension) = field.payload else { continue }
            var value: Int?
            var dimensionReader = ProtobufReader(dimension)
            while let part = try dimensionReader.nextField() {
                if part.number == 1, case .varint(let number) = part.payload {
                    value = Int(truncatingIfNeeded: number)
                }
            }
            dimensions.append(value)
        }
        return dimensions
    }

    /// The payload reached by following length-delimited `path` field numbers.
    private static func nested(_ bytes: ArraySlice<UInt8>, path: [Int]) throws
        -> ArraySlice<UInt8>?
    {
        var current = bytes
        for number in path {
            var reader = ProtobufReader(current)
            var found: ArraySlice<UInt8>?
            while let field = try reader.nextField() {
                if field.number == number, case .bytes(let payload) = field.payload {
                    found = payload
                }
            }
            guard let found else { return nil }
            current = found
        }
        return current
    }

    private static func readStringPair(_ bytes: ArraySlice<UInt8>) throws -> (String, String) {
        var key = ""
        var value = ""
        var reader = ProtobufReader(bytes)
        while let field = try reader.nextField() {
            guard case .bytes(let text) = field.payload else { continue }
            if field.number == 1 { key = String(decoding: text, as: UTF8.self) }
            if field.number == 2 { value = String(decoding: text, as: UTF8.self) }
        }
        return (key, value)
    }
}
