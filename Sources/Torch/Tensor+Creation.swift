import CTorch

/// Factories. Every factory copies its input; nothing aliases Swift memory.
extension Tensor {
    /// Creates a CPU tensor from raw native-endian (little-endian) bytes.
    ///
    /// - Parameters:
    ///   - bytes: exactly `shape.product * dtype.byteWidth` bytes, row-major.
    public convenience init(bytes: UnsafeRawBufferPointer, shape: [Int], dtype: DType) throws {
        self.init(owning: try Tensor.handle(bytes: bytes, shape: shape, dtype: dtype))
    }

    /// A float32 tensor; `shape` defaults to one dimension of `values.count`.
    public convenience init(_ values: [Float], shape: [Int]? = nil) throws {
        try self.init(array: values, shape: shape, dtype: .float32)
    }

    /// A float64 tensor; `shape` defaults to one dimension of `values.count`.
    public convenience init(_ values: [Double], shape: [Int]? = nil) throws {
        try self.init(array: values, shape: shape, dtype: .float64)
    }

    /// An int64 tensor; `shape` defaults to one dimension of `values.count`.
    public convenience init(_ values: [Int64], shape: [Int]? = nil) throws {
        try self.init(array: values, shape: shape, dtype: .int64)
    }

    /// An int32 tensor; `shape` defaults to one dimension of `values.count`.
    public convenience init(_ values: [Int32], shape: [Int]? = nil) throws {
        try self.init(array: values, shape: shape, dtype: .int32)
    }

    /// A uint8 tensor; `shape` defaults to one dimension of `values.count`.
    public convenience init(_ values: [UInt8], shape: [Int]? = nil) throws {
        try self.init(array: values, shape: shape, dtype: .uint8)
    }

    /// A bool tensor; `shape` defaults to one dimension of `values.count`.
    public convenience init(_ values: [Bool], shape: [Int]? = nil) throws {
        try self.init(array: values, shape: shape, dtype: .bool)
    }

    private convenience init<Element>(array: [Element], shape: [Int]?, dtype: DType) throws {
        let handle = try array.withUnsafeBytes { bytes in
            try Tensor.handle(bytes: bytes, shape: shape ?? [array.count], dtype: dtype)
        }
        self.init(owning: handle)
    }

    private static func handle(bytes: UnsafeRawBufferPointer, shape: [Int], dtype: DType)
        throws -> OpaquePointer
    {
        let sizes = shape.map { Int64($0) }
        var handle: OpaquePointer? = nil
        try torchCall("fromBytes") {
            ctorch_tensor_from_data(
                bytes.baseAddress, bytes.count, sizes, sizes.count, dtype.cValue, &handle, $0)
        }
        guard let handle else {
            throw TorchError(operation: "fromBytes", message: "libtorch returned no tensor")
        }
        return handle
    }

    /// A 0-dimensional tensor holding `value`.
    public static func scalar(_ value: Double, dtype: DType = .float32,
                              device: Device = .cpu) throws -> Tensor {
        try full([], value: value, dtype: dtype, device: device)
    }

    public static func zeros(_ shape: [Int], dtype: DType = .float32,
                             device: Device = .cpu) throws -> Tensor {
        try filled("zeros", shape, kind: 0, dtype: dtype, device: device)
    }

    public static func ones(_ shape: [Int], dtype: DType = .float32,
                            device: Device = .cpu) throws -> Tensor {
        try filled("ones", shape, kind: 1, dtype: dtype, device: device)
    }

    /// Uniform samples in [0, 1) from libtorch's generator (see `Torch.manualSeed`).
    public static func rand(_ shape: [Int], dtype: DType = .float32,
                            device: Device = .cpu) throws -> Tensor {
        try filled("rand", shape, kind: 2, dtype: dtype, device: device)
    }

    /// Standard normal samples from libtorch's generator (see `Torch.manualSeed`).
    public static func randn(_ shape: [Int], dtype: DType = .float32,
                             device: Device = .cpu) throws -> Tensor {
        try filled("randn", shape, kind: 3, dtype: dtype, device: device)
    }

    /// Uninitialised memory, for outputs that are overwritten before being read.
    public static func empty(_ shape: [Int], dtype: DType = .float32,
                             device: Device = .cpu) throws -> Tensor {
        try filled("empty", shape, kind: 4, dtype: dtype, device: device)
    }

    // Known gap: `value` is a Double, so int64 fills beyond 2^53 lose precision. An Int64
    // overload passing `ctorch_scalar.integer` would close it; YOLOv5 never needs one.
    public static func full(_ shape: [Int], value: Double, dtype: DType = .float32,
                            device: Device = .cpu) throws -> Tensor {
        let sizes = shape.map { Int64($0) }
        let fill: ctorch_scalar = dtype.isFloatingPoint ? .real(value) : exactInteger(value)
        return try makeTensor("full") {
            ctorch_tensor_full(
                sizes, sizes.count, fill, dtype.cValue, device.cType, device.cIndex, $0, $1)
        }
    }

    /// Values `start, start + step, ...` below `end` (PyTorch's `arange`). Integer dtypes
    /// take integer arguments exactly.
    public static func arange(_ start: Double = 0, _ end: Double, step: Double = 1,
                              dtype: DType = .int64, device: Device = .cpu) throws -> Tensor {
        let convert: (Double) -> ctorch_scalar = dtype.isFloatingPoint ? { .real($0) } : {
            exactInteger($0)
        }
        return try makeTensor("arange") {
            ctorch_tensor_arange(
                convert(start), convert(end), convert(step), dtype.cValue, device.cType,
                device.cIndex, $0, $1)
        }
    }

    /// `steps` evenly spaced values from `start` to `end` inclusive.
    public static func linspace(_ start: Double, _ end: Double, steps: Int,
                                dtype: DType = .float32, device: Device = .cpu) throws -> Tensor {
        try makeTensor("linspace") {
            ctorch_tensor_linspace(
                start, end, Int64(steps), dtype.cValue, device.cType, device.cIndex, $0, $1)
        }
    }

    private static func filled(_ operation: String, _ shape: [Int], kind: Int32, dtype: DType,
                               device: Device) throws -> Tensor {
        let sizes = shape.map { Int64($0) }
        return try makeTensor(operation) {
            ctorch_tensor_filled(
                sizes, sizes.count, kind, dtype.cValue, device.cType, device.cIndex, $0, $1)
        }
    }

    /// An integer scalar when `value` is integral and representable, else a real one.
    static func exactInteger(_ value: Double) -> ctorch_scalar {
        if let integer = Int(exactly: value) {
            return .integer(integer)
        }
        return .real(value)
    }
}
