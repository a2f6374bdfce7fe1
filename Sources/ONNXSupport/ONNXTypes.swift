import CONNX

/// Element types of ONNX tensors that MaskFace writes, numbered as ONNX's
/// `TensorProto.DataType` (the numbers are part of the file format).
public enum ONNXElementType: Int32, Sendable, CaseIterable {
    case float = 1
    case uint8 = 2
    case int32 = 6
    case int64 = 7
    case bool = 9
    case float16 = 10
    case double = 11

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .uint8, .bool: return 1
        case .float16: return 2
        case .float, .int32: return 4
        case .int64, .double: return 8
        }
    }

    var cValue: connx_element_type { connx_element_type(rawValue: UInt32(rawValue)) }
}

/// One axis of a graph input or output: a fixed size, or a named dynamic axis.
public enum ONNXDimension: Sendable, Equatable, CustomStringConvertible {
    case fixed(Int)
    case named(String)

    /// The size of a fixed axis; nil for a named (dynamic) one.
    public var size: Int? {
        if case let .fixed(size) = self { return size }
        return nil
    }

    public var description: String {
        switch self {
        case let .fixed(size): return String(size)
        case let .named(name): return name
        }
    }
}

/// A node attribute. ONNX attributes are typed; these are the kinds the exporter writes.
public enum ONNXAttribute: Sendable, Equatable {
    case int(String, Int)
    case ints(String, [Int])
    case float(String, Float)
    case string(String, String)
}

/// Whether a value is one of the graph's inputs or outputs.
public enum ONNXValueRole: Sendable {
    case input
    case output

    var cValue: connx_value_list { self == .input ? CONNX_GRAPH_INPUT : CONNX_GRAPH_OUTPUT }
}
