// torch's pickled tensor descriptions turned into contiguous StoredTensors.
//
// torch.save pickles a tensor as a call `torch._utils._rebuild_tensor_v2(storage, offset,
// size, stride, requires_grad, backward_hooks, ...)`, where the storage is a persistent id
// naming a raw file in the archive. Parameters wrap that call in `_rebuild_parameter`.

/// Reads storage persistent ids and tensor rebuild calls.
enum TorchTensorRebuild {
    /// Legacy typed-storage class names, which torch still writes into every pickle.
    static let storageTypes: [String: TensorDataType] = [
        "HalfStorage": .float16, "BFloat16Storage": .bfloat16,
        "FloatStorage": .float32, "DoubleStorage": .float64,
        "CharStorage": .int8, "ByteStorage": .uint8, "ShortStorage": .int16,
        "IntStorage": .int32, "LongStorage": .int64, "BoolStorage": .bool,
    ]

    /// The element type a storage class stands for, or an error naming the class.
    static func dataType(
        ofStorage value: PickleValue, path: String
    ) throws(CheckpointError) -> TensorDataType {
        guard case .global(let global) = value, global.module == "torch",
            let dataType = storageTypes[global.name]
        else {
            throw CheckpointError(path: path,
                problem: "unsupported storage type \(describe(value)) (complex, quantized "
                    + "and untyped storages are not read)")
        }
        return dataType
    }

    /// Handles the `torch._utils` rebuild functions; nil leaves any other call to the
    /// generic object description.
    static func reduce(
        _ callable: PickleGlobal, _ arguments: [PickleValue], path: String
    ) throws(CheckpointError) -> PickleValue? {
        guard callable.module == "torch._utils" else { return nil }
        switch callable.name {
        case "_rebuild_tensor_v2", "_rebuild_tensor":
            return .tensor(try rebuildTensor(arguments, path: path))
        case "_rebuild_parameter", "_rebuild_parameter_with_state":
            // The optional fourth argument holds Python attributes set on the parameter;
            // YOLOv5 sets none, so it is dropped.
            guard let tensor = arguments.first?.tensor else {
                throw CheckpointError(path: path,
                    problem: "\(callable) expects a tensor, found \(describe(arguments.first))")
            }
            let requiresGradient = arguments.count > 1 && arguments[1] == .bool(true)
            return .tensor(StoredTensor(dataType: tensor.dataType, shape: tensor.shape,
                bytes: tensor.bytes, requiresGradient: requiresGradient))
        default:
            throw CheckpointError(path: path,
                problem: "unsupported tensor kind \(callable) (only dense tensors are read)")
        }
    }

    /// `(storage, storage_offset, size, stride[, requires_grad, backward_hooks, metadata])`.
    private static func rebuildTensor(
        _ arguments: [PickleValue], path: String
    ) throws(CheckpointError) -> StoredTensor {
        guard arguments.count >= 4, case .storage(let storage) = arguments[0],
            let offset = arguments[1].int,
            let shape = arguments[2].elements?.compactMap(\.int),
            let strides = arguments[3].elements?.compactMap(\.int),
            shape.count == arguments[2].elements?.count, strides.count == shape.count
        else {
            throw CheckpointError(path: path, problem: "malformed tensor description "
                + "(expected storage, offset, size and stride)")
        }
        let layout = StridedLayout(shape: shape, strides: strides, offset: offset)
        guard let bytes = layout.gather(from: storage) else {
            throw CheckpointError(path: path,
                problem: "tensor of shape \(shape), stride \(strides), offset \(offset) "
                    + "does not fit its storage \(storage.key) of \(storage.elementCount) "
                    + "elements")
        }
        let requiresGradient = arguments.count > 4 && arguments[4] == .bool(true)
        return StoredTensor(dataType: storage.dataType, shape: shape, bytes: bytes,
                            requiresGradient: requiresGradient)
    }

    private static func describe(_ value: PickleValue?) -> String {
        guard let value else { return "nothing" }
        if case .global(let global) = value { return "\(global)" }
        return value.kindName
    }
}

/// Where a tensor's elements sit in its storage, in elements.
struct StridedLayout {
    let shape: [Int]
    let strides: [Int]
    let offset: Int

    /// Copies the elements into row-major order; nil if any index falls outside the storage.
    func gather(from storage: TorchStorage) -> [UInt8]? {
        let elementSize = storage.dataType.elementSize
        guard offset >= 0, shape.allSatisfy({ $0 >= 0 }), strides.allSatisfy({ $0 >= 0 })
        else { return nil }
        let count = shape.reduce(1, *)
        guard count > 0 else { return [] }
        let lastIndex = zip(shape, strides).reduce(offset) { $0 + ($1.0 - 1) * $1.1 }
        guard lastIndex < storage.elementCount else { return nil }
        if isRowMajor {
            let start = offset * elementSize
            return Array(storage.bytes[start..<(start + count * elementSize)])
        }
        return gatherStrided(storage.bytes, count: count, elementSize: elementSize)
    }

    /// True when the elements already lie in row-major order without gaps; strides of
    /// dimensions of size 1 do not matter.
    private var isRowMajor: Bool {
        var expected = 1
        for (size, stride) in zip(shape, strides).reversed() where size != 1 {
            guard stride == expected else { return false }
            expected *= size
        }
        return true
    }

    /// Walks all indices like an odometer, last dimension fastest.
    private func gatherStrided(_ source: [UInt8], count: Int, elementSize: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count * elementSize)
        var index = [Int](repeating: 0, count: shape.count)
        var position = offset
        for _ in 0..<count {
            let start = position * elementSize
            result.append(contentsOf: source[start..<(start + elementSize)])
            var dimension = shape.count - 1
            while dimension >= 0 {
                index[dimension] += 1
                position += strides[dimension]
                if index[dimension] < shape[dimension] { break }
                position -= strides[dimension] * shape[dimension]
                index[dimension] = 0
                dimension -= 1
            }
        }
        return result
    }
}
