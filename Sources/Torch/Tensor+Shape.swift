import CTorch

/// Reshaping and views. Views share memory with `self`; `reshape` copies only when the
/// layout requires it; `view` never copies and fails when it would have to.
extension Tensor {
    /// Same elements in a new shape; one entry may be -1 to be inferred.
    public func reshape(_ shape: [Int]) throws -> Tensor {
        let sizes = shape.map { Int64($0) }
        return try makeTensor("reshape") {
            ctorch_tensor_reshape(handle, sizes, sizes.count, $0, $1)
        }
    }

    public func view(_ shape: [Int]) throws -> Tensor {
        let sizes = shape.map { Int64($0) }
        return try makeTensor("view") { ctorch_tensor_view(handle, sizes, sizes.count, $0, $1) }
    }

    /// Broadcasts size-1 dimensions to `shape` without copying; -1 keeps a size.
    public func expand(_ shape: [Int]) throws -> Tensor {
        let sizes = shape.map { Int64($0) }
        return try makeTensor("expand") {
            ctorch_tensor_expand(handle, sizes, sizes.count, $0, $1)
        }
    }

    /// Reorders dimensions: result dimension i is input dimension `order[i]`.
    public func permute(_ order: [Int]) throws -> Tensor {
        let axes = order.map { Int64($0) }
        return try makeTensor("permute") {
            ctorch_tensor_permute(handle, axes, axes.count, $0, $1)
        }
    }

    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        try makeTensor("transpose") {
            ctorch_tensor_transpose(handle, Int64(dim0), Int64(dim1), $0, $1)
        }
    }

    /// Inserts a dimension of size 1 at `dim`.
    public func unsqueeze(_ dim: Int) throws -> Tensor {
        try makeTensor("unsqueeze") { ctorch_tensor_unsqueeze(handle, Int64(dim), $0, $1) }
    }

    /// Removes `dim` if its size is 1 (else returns the same shape).
    public func squeeze(_ dim: Int) throws -> Tensor {
        try makeTensor("squeeze") { ctorch_tensor_squeeze(handle, false, Int64(dim), $0, $1) }
    }

    /// Removes every dimension of size 1.
    public func squeeze() throws -> Tensor {
        try makeTensor("squeeze") { ctorch_tensor_squeeze(handle, true, 0, $0, $1) }
    }

    /// Merges dimensions `startDim...endDim` into one.
    public func flatten(startDim: Int = 0, endDim: Int = -1) throws -> Tensor {
        try makeTensor("flatten") {
            ctorch_tensor_flatten(handle, Int64(startDim), Int64(endDim), $0, $1)
        }
    }
}
