import CTorch

/// Reductions over all elements or over chosen dimensions, and ordering.
///
/// Whole-tensor reductions return a 0-dimensional tensor (read it with `item()`); per-dim
/// reductions drop the reduced dimensions unless `keepDim` is true.
extension Tensor {
    private func reduce(_ name: String, _ op: ctorch_reduce_op) throws -> Tensor {
        try makeTensor(name) { ctorch_tensor_reduce(handle, op, $0, $1) }
    }

    private func reduce(_ name: String, _ op: ctorch_reduce_op, dims: [Int], keepDim: Bool)
        throws -> Tensor
    {
        let axes = dims.map { Int64($0) }
        return try makeTensor(name) {
            ctorch_tensor_reduce_dims(handle, op, axes, axes.count, keepDim, $0, $1)
        }
    }

    public func sum() throws -> Tensor { try reduce("sum", CTORCH_SUM) }
    public func mean() throws -> Tensor { try reduce("mean", CTORCH_MEAN) }
    public func max() throws -> Tensor { try reduce("max", CTORCH_AMAX) }
    public func min() throws -> Tensor { try reduce("min", CTORCH_AMIN) }
    public func prod() throws -> Tensor { try reduce("prod", CTORCH_PROD) }
    public func any() throws -> Tensor { try reduce("any", CTORCH_ANY) }
    public func all() throws -> Tensor { try reduce("all", CTORCH_ALL) }
    /// Euclidean (L2) norm of all elements.
    public func norm() throws -> Tensor { try reduce("norm", CTORCH_NORM) }
    /// Flat index of the largest element.
    public func argmax() throws -> Tensor { try reduce("argmax", CTORCH_ARGMAX) }
    public func argmin() throws -> Tensor { try reduce("argmin", CTORCH_ARGMIN) }

    public func sum(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce("sum", CTORCH_SUM, dims: dims, keepDim: keepDim)
    }

    public func sum(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try sum(dims: [dim], keepDim: keepDim)
    }

    public func mean(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce("mean", CTORCH_MEAN, dims: dims, keepDim: keepDim)
    }

    public func mean(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try mean(dims: [dim], keepDim: keepDim)
    }

    /// Largest values over `dims` without indices (PyTorch's `amax`).
    public func amax(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce("amax", CTORCH_AMAX, dims: dims, keepDim: keepDim)
    }

    public func amin(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce("amin", CTORCH_AMIN, dims: dims, keepDim: keepDim)
    }

    public func prod(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce("prod", CTORCH_PROD, dims: [dim], keepDim: keepDim)
    }

    public func any(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce("any", CTORCH_ANY, dims: [dim], keepDim: keepDim)
    }

    public func all(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce("all", CTORCH_ALL, dims: [dim], keepDim: keepDim)
    }

    public func norm(dims: [Int], keepDim: Bool = false) throws -> Tensor {
        try reduce("norm", CTORCH_NORM, dims: dims, keepDim: keepDim)
    }

    public func argmax(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce("argmax", CTORCH_ARGMAX, dims: [dim], keepDim: keepDim)
    }

    public func argmin(dim: Int, keepDim: Bool = false) throws -> Tensor {
        try reduce("argmin", CTORCH_ARGMIN, dims: [dim], keepDim: keepDim)
    }

    /// Largest value along `dim` and its index (int64).
    public func max(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try makeTensorPair("max") {
            ctorch_tensor_extreme_dim(handle, Int64(dim), keepDim, true, $0, $1, $2)
        }
    }

    public func min(dim: Int, keepDim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try makeTensorPair("min") {
            ctorch_tensor_extreme_dim(handle, Int64(dim), keepDim, false, $0, $1, $2)
        }
    }

    /// Stable sort along `dim`; indices are int64 positions in the input.
    public func sort(dim: Int = -1, descending: Bool = false) throws
        -> (values: Tensor, indices: Tensor)
    {
        try makeTensorPair("sort") {
            ctorch_tensor_sort(handle, Int64(dim), descending, $0, $1, $2)
        }
    }

    /// The `k` largest (or smallest) values along `dim`, sorted.
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true) throws
        -> (values: Tensor, indices: Tensor)
    {
        try makeTensorPair("topk") {
            ctorch_tensor_topk(handle, Int64(k), Int64(dim), largest, $0, $1, $2)
        }
    }

    public func cumsum(dim: Int) throws -> Tensor {
        try makeTensor("cumsum") { ctorch_tensor_cumsum(handle, Int64(dim), $0, $1) }
    }

    /// Coordinates of non-zero elements: int64 `[count, rank]`.
    public func nonzero() throws -> Tensor {
        try makeTensor("nonzero") { ctorch_tensor_nonzero(handle, $0, $1) }
    }
}
