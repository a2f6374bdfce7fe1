import CONNX

/// A graph input or output as declared in the file.
public struct ONNXValueDescription: Sendable, Equatable {
    public let name: String
    /// nil when the file names an element type this module does not know.
    public let type: ONNXElementType?
    public let shape: [ONNXDimension]
}

/// What an ONNX file holds, read back through libonnx: versions, graph inputs and outputs,
/// the operator of every node, initializer types and metadata. Tests, the export summary and
/// the runtime's detector read models through this rather than through protobuf.
public struct ONNXModelSummary: Sendable {
    public let irVersion: Int
    /// The default-domain operator set; 0 when the model imports none.
    public let opset: Int
    public let inputs: [ONNXValueDescription]
    public let outputs: [ONNXValueDescription]
    /// Operator type of each node, in graph order.
    public let nodeOperators: [String]
    public let nodeNames: [String]
    /// Initializer name, element type (nil if unknown here) and element count.
    public let initializers: [(name: String, type: ONNXElementType?, elementCount: Int)]
    /// `metadata_props` in file order.
    public let metadata: [(key: String, value: String)]

    /// How many nodes use each operator.
    public var operatorCounts: [String: Int] {
        nodeOperators.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    public func metadataValue(_ key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }
}

extension ONNXModel {
    /// Reads the model's structure back out of libonnx.
    public func summary() throws -> ONNXModelSummary {
        var counts = connx_model_summary()
        try onnxCall("summarise \(origin)") { connx_model_get_summary(handle, &counts, $0) }
        let nodes = try (0..<counts.node_count).map(node(at:))
        return ONNXModelSummary(
            irVersion: Int(counts.ir_version), opset: Int(counts.default_opset),
            inputs: try (0..<counts.input_count).map { try value(.input, at: $0) },
            outputs: try (0..<counts.output_count).map { try value(.output, at: $0) },
            nodeOperators: nodes.map(\.operatorType), nodeNames: nodes.map(\.name),
            initializers: try (0..<counts.initializer_count).map(initializer(at:)),
            metadata: try (0..<counts.metadata_count).map(metadataEntry(at:)))
    }

    private func node(at index: Int) throws -> (operatorType: String, name: String) {
        var operatorType: UnsafeMutablePointer<CChar>?
        var name: UnsafeMutablePointer<CChar>?
        try onnxCall("read node \(index) of \(origin)") {
            connx_model_node_at(handle, index, &operatorType, &name, $0)
        }
        return (takeString(operatorType), takeString(name))
    }

    private func metadataEntry(at index: Int) throws -> (key: String, value: String) {
        var key: UnsafeMutablePointer<CChar>?
        var value: UnsafeMutablePointer<CChar>?
        try onnxCall("read metadata \(index) of \(origin)") {
            connx_model_metadata_at(handle, index, &key, &value, $0)
        }
        return (takeString(key), takeString(value))
    }

    private func value(_ role: ONNXValueRole, at index: Int) throws -> ONNXValueDescription {
        let capacity = 8
        var sizes = [Int64](repeating: 0, count: capacity)
        var rank = 0
        var name: UnsafeMutablePointer<CChar>?
        var type = connx_element_type(rawValue: 0)
        try onnxCall("read graph value \(index) of \(origin)") {
            connx_model_value_at(handle, role.cValue, index, &name, &type, &sizes, capacity,
                                 &rank, $0)
        }
        let valueName = takeString(name)
        let shape: [ONNXDimension] = try (0..<rank).map { axis in
            if sizes[axis] >= 0 {
                return .fixed(Int(sizes[axis]))
            }
            var axisName: UnsafeMutablePointer<CChar>?
            try onnxCall("read axis \(axis) of '\(valueName)' in \(origin)") {
                connx_model_value_dim_name(handle, role.cValue, index, axis, &axisName, $0)
            }
            return .named(takeString(axisName))
        }
        return ONNXValueDescription(
            name: valueName, type: ONNXElementType(rawValue: Int32(type.rawValue)), shape: shape)
    }

    private func initializer(at index: Int) throws
        -> (name: String, type: ONNXElementType?, elementCount: Int)
    {
        var name: UnsafeMutablePointer<CChar>?
        var type = connx_element_type(rawValue: 0)
        var count: Int64 = 0
        try onnxCall("read initializer \(index) of \(origin)") {
            connx_model_initializer_at(handle, index, &name, &type, &count, $0)
        }
        return (takeString(name), ONNXElementType(rawValue: Int32(type.rawValue)), Int(count))
    }
}
