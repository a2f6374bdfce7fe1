import CTorch

/// Selecting parts of a tensor, writing into parts, and joining and splitting tensors.
extension Tensor {
    /// The slice at `index` along `dim`, with that dimension removed (a view).
    public func select(dim: Int, index: Int) throws -> Tensor {
        try makeTensor("select") {
            ctorch_tensor_select(handle, Int64(dim), Int64(index), $0, $1)
        }
    }

    /// Elements `start..<end` stepping by `step` along `dim` (a view). Negative `start`
    /// and `end` count from the end; `end` nil means to the end.
    public func slice(dim: Int, start: Int = 0, end: Int? = nil, step: Int = 1) throws
        -> Tensor
    {
        let stop = end.map { Int64($0) } ?? Int64.max
        return try makeTensor("slice") {
            ctorch_tensor_slice(handle, Int64(dim), Int64(start), stop, Int64(step), $0, $1)
        }
    }

    /// `length` elements from `start` along `dim` (a view).
    public func narrow(dim: Int, start: Int, length: Int) throws -> Tensor {
        try slice(dim: dim, start: start, end: start + length)
    }

    /// Gathers whole slices along `dim` at the int64 positions in `index` (a copy).
    public func indexSelect(dim: Int, index: Tensor) throws -> Tensor {
        try makeTensor("index_select") {
            ctorch_tensor_index_select(handle, Int64(dim), index.handle, $0, $1)
        }
    }

    /// Advanced indexing `self[i0, i1, ...]` with int64 or bool index tensors, one per
    /// leading dimension (PyTorch's `t[idx0, idx1]`).
    public func index(_ indices: [Tensor]) throws -> Tensor {
        let handles: [OpaquePointer?] = indices.map { $0.handle }
        return try makeTensor("index") {
            ctorch_tensor_index(handle, handles, handles.count, $0, $1)
        }
    }

    /// `self[i0, i1, ...] = values` in place (or `+=` with `accumulate`), broadcasting
    /// `values`.
    public func indexPut_(_ indices: [Tensor], _ values: Tensor, accumulate: Bool = false)
        throws
    {
        let handles: [OpaquePointer?] = indices.map { $0.handle }
        try torchCall("index_put_") {
            ctorch_tensor_index_put_(handle, handles, handles.count, values.handle, accumulate, $0)
        }
    }

    /// The elements where the bool `mask` (broadcastable) is true, as one dimension.
    public func maskedSelect(_ mask: Tensor) throws -> Tensor {
        try makeTensor("masked_select") {
            ctorch_tensor_masked_select(handle, mask.handle, $0, $1)
        }
    }

    /// out[i][j] = self[index[i][j]][j] for dim 0, and so on (PyTorch's `gather`).
    public func gather(dim: Int, index: Tensor) throws -> Tensor {
        try makeTensor("gather") {
            ctorch_tensor_gather(handle, Int64(dim), index.handle, $0, $1)
        }
    }

    /// Concatenates along an existing dimension.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        let handles: [OpaquePointer?] = tensors.map { $0.handle }
        return try makeTensor("cat") {
            ctorch_tensor_cat(handles, handles.count, Int64(dim), $0, $1)
        }
    }

    /// Joins equally shaped tensors along a new dimension `dim`.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        let handles: [OpaquePointer?] = tensors.map { $0.handle }
        return try makeTensor("stack") {
            ctorch_tensor_stack(handles, handles.count, Int64(dim), $0, $1)
        }
    }

    /// Views of `size` elements each along `dim`; the last may be shorter.
    public func split(size: Int, dim: Int = 0) throws -> [Tensor] {
        try makeTensorList("split") {
            ctorch_tensor_split(handle, Int64(size), Int64(dim), $0, $1)
        }
    }

    /// Views with the given sizes along `dim` (they must add up to the dimension's size).
    public func split(sizes: [Int], dim: Int = 0) throws -> [Tensor] {
        let lengths = sizes.map { Int64($0) }
        return try makeTensorList("split") {
            ctorch_tensor_split_sizes(handle, lengths, lengths.count, Int64(dim), $0, $1)
        }
    }

    /// At most `chunks` nearly equal views along `dim`.
    public func chunk(_ chunks: Int, dim: Int = 0) throws -> [Tensor] {
        try makeTensorList("chunk") {
            ctorch_tensor_chunk(handle, Int64(chunks), Int64(dim), $0, $1)
        }
    }

    /// Coordinate grids from 1-D tensors. With `.ij` the first output varies along dim 0;
    /// YOLOv5's grid uses `meshgrid(y, x, indexing: .ij)`.
    public static func meshgrid(_ tensors: [Tensor], indexing: MeshIndexing = .ij) throws
        -> [Tensor]
    {
        let handles: [OpaquePointer?] = tensors.map { $0.handle }
        return try makeTensorList("meshgrid") {
            ctorch_tensor_meshgrid(handles, handles.count, indexing == .xy, $0, $1)
        }
    }
}

/// Axis order of `Tensor.meshgrid`: matrix (`ij`) or Cartesian (`xy`).
public enum MeshIndexing: Sendable {
    case ij
    case xy
}
