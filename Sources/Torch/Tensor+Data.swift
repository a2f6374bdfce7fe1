import CTorch

/// Reading values back into Swift, and copies and conversions between dtypes and devices.
extension Tensor {
    /// The elements in row-major order as raw little-endian bytes of `dtype`.
    public func bytes() throws -> [UInt8] {
        var result = [UInt8](repeating: 0, count: elementCount * dtype.byteWidth)
        try result.withUnsafeMutableBytes { buffer in
            try torchCall("bytes") {
                ctorch_tensor_copy_to(handle, buffer.baseAddress, buffer.count, $0)
            }
        }
        return result
    }

    /// The elements as `Float`, converting from any dtype first (row-major order).
    public func floats() throws -> [Float] {
        try elements(as: Float.self, dtype: .float32)
    }

    /// The elements as `Double`, converting from any dtype first (row-major order).
    public func doubles() throws -> [Double] {
        try elements(as: Double.self, dtype: .float64)
    }

    /// The elements as `Int64`, converting (truncating floats) from any dtype first.
    public func int64s() throws -> [Int64] {
        try elements(as: Int64.self, dtype: .int64)
    }

    /// The elements as `Bool` (non-zero is true).
    public func bools() throws -> [Bool] {
        try elements(as: Bool.self, dtype: .bool)
    }

    private func elements<Element>(as type: Element.Type, dtype target: DType) throws
        -> [Element]
    {
        let source = dtype == target ? self : try to(dtype: target)
        let count = source.elementCount
        return try [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            try torchCall("read") {
                ctorch_tensor_copy_to(source.handle, raw.baseAddress, raw.count, $0)
            }
            initialized = count
        }
    }

    /// The value of a one-element tensor as a `Double`.
    public func item() throws -> Double {
        var real = 0.0
        var integer: Int64 = 0
        try torchCall("item") { ctorch_tensor_item(handle, &real, &integer, $0) }
        return real
    }

    /// The value of a one-element integer or bool tensor, exact to 64 bits.
    public func itemInt() throws -> Int64 {
        var real = 0.0
        var integer: Int64 = 0
        try torchCall("item") { ctorch_tensor_item(handle, &real, &integer, $0) }
        return integer
    }

    /// A copy converted to `dtype` (self when it already has it, as in PyTorch).
    public func to(dtype: DType) throws -> Tensor {
        try to(dtype: dtype, device: device)
    }

    /// A copy on `device` (self when it is already there).
    public func to(device: Device) throws -> Tensor {
        try to(dtype: dtype, device: device)
    }

    public func to(dtype: DType, device: Device) throws -> Tensor {
        try makeTensor("to") {
            ctorch_tensor_to(handle, dtype.cValue, device.cType, device.cIndex, $0, $1)
        }
    }

    /// Self if already contiguous in row-major order, else a contiguous copy.
    public func contiguous() throws -> Tensor {
        try makeTensor("contiguous") { ctorch_tensor_contiguous(handle, $0, $1) }
    }

    /// A copy with its own memory; gradients flow back through it.
    public func clone() throws -> Tensor {
        try makeTensor("clone") { ctorch_tensor_clone(handle, $0, $1) }
    }

    /// The same memory, cut from the autograd graph (no gradient flows through it).
    public func detach() throws -> Tensor {
        try makeTensor("detach") { ctorch_tensor_detach(handle, $0, $1) }
    }

    /// Copies `source` into this tensor in place, broadcasting and converting dtype/device.
    @discardableResult
    public func copy_(_ source: Tensor) throws -> Tensor {
        try torchCall("copy_") { ctorch_tensor_copy_(handle, source.handle, $0) }
        return self
    }
}
