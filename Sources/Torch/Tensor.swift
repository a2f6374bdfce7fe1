import CTorch

/// An n-dimensional array in libtorch, with autograd.
///
/// The object owns one shim handle and frees it in `deinit`; libtorch frees the memory when
/// the last handle (or autograd graph) referring to it is gone. Views (`select`, `slice`,
/// `view`, `permute`, ...) share memory with their source, as in PyTorch, so in-place
/// operations on a view change the source too.
///
/// `@unchecked Sendable`: the handle is immutable and libtorch counts references atomically,
/// so passing a tensor to another task and freeing it there is safe. What is not checked is
/// concurrent mutation: two tasks running in-place operations (`add_`, `copy_`, an optimizer
/// step) on the same tensor race on its elements, exactly as they would in libtorch. Treat a
/// tensor that is being mutated as owned by one task at a time.
public final class Tensor: @unchecked Sendable {
    /// The shim handle. Only valid while `self` is alive; wrappers that pass the handles of
    /// temporaries use `withExtendedLifetime`.
    let handle: OpaquePointer

    init(owning handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        ctorch_tensor_free(handle)
    }

    /// Reads metadata that libtorch cannot fail to give for a live handle. A failure here is
    /// a broken invariant of this module (for example a dtype it does not model), not a user
    /// error, so it stops the program with libtorch's message.
    // Known gap: a dtype outside `DType` (bfloat16, int8, complex) cannot arise through this
    // API today, but would trap here. Adding the case to `DType` and the shim's table fixes it.
    private func metadata<T>(_ name: String, _ read: () throws -> T) -> T {
        do {
            return try read()
        } catch {
            fatalError("Tensor.\(name): \(error)")
        }
    }

    /// Number of dimensions.
    public var rank: Int {
        metadata("rank") {
            var dim: Int64 = 0
            try torchCall("dim") { ctorch_tensor_dim(handle, &dim, $0) }
            return Int(dim)
        }
    }

    /// Sizes of each dimension, outermost first (`[N, C, H, W]` for an image batch).
    public var shape: [Int] {
        metadata("shape") {
            let count = rank
            var sizes = [Int64](repeating: 0, count: count)
            try torchCall("sizes") { error in
                sizes.withUnsafeMutableBufferPointer {
                    ctorch_tensor_sizes(handle, $0.baseAddress, count, error)
                }
            }
            return sizes.map { Int($0) }
        }
    }

    /// Size of dimension `dim`; negative values count from the end.
    public func size(_ dim: Int) -> Int {
        let sizes = shape
        return sizes[dim < 0 ? dim + sizes.count : dim]
    }

    public var dtype: DType {
        metadata("dtype") {
            var code = ctorch_dtype(rawValue: 0)
            try torchCall("dtype") { ctorch_tensor_dtype(handle, &code, $0) }
            return try DType(cValue: code)
        }
    }

    public var device: Device {
        metadata("device") {
            var type = CTORCH_CPU
            var index: Int64 = 0
            try torchCall("device") { ctorch_tensor_device(handle, &type, &index, $0) }
            return type == CTORCH_CUDA ? .cuda(Int(index)) : .cpu
        }
    }

    /// Number of elements.
    public var elementCount: Int {
        metadata("numel") {
            var count: Int64 = 0
            try torchCall("numel") { ctorch_tensor_numel(handle, &count, $0) }
            return Int(count)
        }
    }

    public var isContiguous: Bool {
        metadata("isContiguous") {
            var contiguous = false
            try torchCall("is_contiguous") { ctorch_tensor_is_contiguous(handle, &contiguous, $0) }
            return contiguous
        }
    }
}

extension Tensor: CustomStringConvertible {
    /// libtorch's printout of the values, or the shape and dtype if that fails.
    public var description: String {
        var text: UnsafeMutablePointer<CChar>? = nil
        do {
            try torchCall("describe") { ctorch_tensor_describe(handle, &text, $0) }
        } catch {
            return "Tensor(shape: \(shape), dtype: \(dtype))"
        }
        defer { ctorch_string_free(text) }
        return text.map { String(cString: $0) } ?? ""
    }
}
