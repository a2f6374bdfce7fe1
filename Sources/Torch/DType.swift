import CTorch

/// Element type of a tensor. Raw values are the shim's `ctorch_dtype` codes.
public enum DType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case float32 = 0
    case float64 = 1
    case float16 = 2
    case int64 = 3
    case int32 = 4
    case uint8 = 5
    case bool = 6

    /// Bytes per element.
    public var byteWidth: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16: 2
        case .uint8, .bool: 1
        }
    }

    public var isFloatingPoint: Bool {
        self == .float32 || self == .float64 || self == .float16
    }

    public var description: String {
        switch self {
        case .float32: "float32"
        case .float64: "float64"
        case .float16: "float16"
        case .int64: "int64"
        case .int32: "int32"
        case .uint8: "uint8"
        case .bool: "bool"
        }
    }

    var cValue: ctorch_dtype { ctorch_dtype(rawValue: UInt32(rawValue)) }

    init(cValue: ctorch_dtype) throws {
        guard let dtype = DType(rawValue: Int32(cValue.rawValue)) else {
            throw TorchError(operation: "dtype", message: "unknown dtype code \(cValue.rawValue)")
        }
        self = dtype
    }
}

/// Where a tensor's memory lives. `cuda(n)` needs a libtorch built with CUDA
/// (see `Torch.cudaIsAvailable`).
public enum Device: Sendable, Hashable, CustomStringConvertible {
    case cpu
    case cuda(Int)

    public var description: String {
        switch self {
        case .cpu: "cpu"
        case .cuda(let index): "cuda:\(index)"
        }
    }

    var cType: ctorch_device_type {
        switch self {
        case .cpu: CTORCH_CPU
        case .cuda: CTORCH_CUDA
        }
    }

    var cIndex: Int64 {
        switch self {
        case .cpu: 0
        case .cuda(let index): Int64(index)
        }
    }
}

/// Reduction applied by a loss: per-element values, their mean, or their sum.
public enum Reduction: Int32, Sendable {
    case none = 0
    case mean = 1
    case sum = 2
}

/// Builds the shim's scalar from Swift numbers. Integers stay exact, so `intTensor * 2`
/// keeps its integer dtype, as in PyTorch.
extension ctorch_scalar {
    static func integer(_ value: Int) -> ctorch_scalar {
        ctorch_scalar(is_integer: true, integer: Int64(value), real: Double(value))
    }

    static func real(_ value: Double) -> ctorch_scalar {
        ctorch_scalar(is_integer: false, integer: 0, real: value)
    }
}
