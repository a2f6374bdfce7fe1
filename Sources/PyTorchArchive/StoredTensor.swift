// Tensors as a checkpoint stores them: element type, shape and little-endian bytes.

/// Element types of torch storages that a checkpoint can hold.
public enum TensorDataType: String, Sendable, CaseIterable {
    case float16, bfloat16, float32, float64
    case int8, uint8, int16, int32, int64
    case bool

    /// Bytes per element, as torch lays them out in a storage file.
    public var elementSize: Int {
        switch self {
        case .int8, .uint8, .bool: 1
        case .float16, .bfloat16, .int16: 2
        case .float32, .int32: 4
        case .float64, .int64: 8
        }
    }

    public var isFloatingPoint: Bool {
        switch self {
        case .float16, .bfloat16, .float32, .float64: true
        default: false
        }
    }
}

/// One tensor read from a checkpoint, already made contiguous.
///
/// `bytes` holds `shape.reduce(1, *)` elements in row-major order, little-endian, whatever
/// strides and storage offset the tensor had in the file, so it can be handed to libtorch
/// or compared with a safetensors file byte for byte.
public struct StoredTensor: Sendable, Equatable {
    public let dataType: TensorDataType
    public let shape: [Int]
    public let bytes: [UInt8]
    /// Whether the tensor was a parameter that wanted gradients when it was saved.
    public let requiresGradient: Bool

    public init(dataType: TensorDataType, shape: [Int], bytes: [UInt8],
                requiresGradient: Bool = false) {
        self.dataType = dataType
        self.shape = shape
        self.bytes = bytes
        self.requiresGradient = requiresGradient
    }

    /// Number of elements; 1 for a scalar (empty shape).
    public var elementCount: Int { shape.reduce(1, *) }

    /// The elements converted to Float, or nil for integer and boolean tensors.
    ///
    /// float16 and bfloat16 widen exactly; float64 rounds to the nearest Float.
    public func floatValues() -> [Float]? {
        switch dataType {
        case .float16:
            return load(UInt16.self) { Float(Float16(bitPattern: UInt16(littleEndian: $0))) }
        case .bfloat16:
            // bfloat16 is the upper half of a float32 bit pattern.
            return load(UInt16.self) { Float(bitPattern: UInt32(UInt16(littleEndian: $0)) << 16) }
        case .float32:
            return load(UInt32.self) { Float(bitPattern: UInt32(littleEndian: $0)) }
        case .float64:
            return load(UInt64.self) { Float(Double(bitPattern: UInt64(littleEndian: $0))) }
        default:
            return nil
        }
    }

    /// The elements as Int64, or nil for floating-point tensors (bool reads as 0 or 1).
    public func integerValues() -> [Int64]? {
        switch dataType {
        case .int8: load(UInt8.self) { Int64(Int8(bitPattern: $0)) }
        case .uint8, .bool: load(UInt8.self) { Int64($0) }
        case .int16: load(UInt16.self) { Int64(Int16(bitPattern: UInt16(littleEndian: $0))) }
        case .int32: load(UInt32.self) { Int64(Int32(bitPattern: UInt32(littleEndian: $0))) }
        case .int64: load(UInt64.self) { Int64(bitPattern: UInt64(littleEndian: $0)) }
        default: nil
        }
    }

    /// Reads each element's raw bits unaligned (the byte array has no alignment promise).
    private func load<Raw: FixedWidthInteger, Value>(
        _ raw: Raw.Type, _ convert: (Raw) -> Value
    ) -> [Value] {
        let count = min(elementCount, bytes.count / MemoryLayout<Raw>.size)
        return bytes.withUnsafeBytes { buffer in
            (0..<count).map { index in
                convert(buffer.loadUnaligned(fromByteOffset: index * MemoryLayout<Raw>.size,
                                             as: Raw.self))
            }
        }
    }
}
