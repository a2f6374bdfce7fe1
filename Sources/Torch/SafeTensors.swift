import Foundation
import MaskFaceCore

/// Safetensors files as tensors: `MaskFaceCore.SafeTensorsFile` reads and writes the bytes
/// (header, checks, atomic writing); this layer copies each buffer into a CPU tensor of the
/// file's dtype and back.
///
/// Supported dtypes: F32, F64, F16, I64, I32, U8, BOOL.
public enum SafeTensors {
    /// Everything a file holds.
    public struct Contents: Sendable {
        /// Tensors in the order of their data in the file (CPU, the file's dtypes).
        public var tensors: NamedTensors
        /// The optional `__metadata__` strings.
        public var metadata: [String: String]
    }

    /// Reads a whole file into CPU tensors; the file is memory-mapped and each tensor
    /// copied once, so peak memory is one file plus the tensors.
    public static func read(_ url: URL) throws -> Contents {
        let file = try SafeTensorsFile.read(url)
        let tensors = try file.entries.map { entry in
            let tensor = try entry.bytes.withUnsafeBytes { bytes in
                try Tensor(bytes: bytes, shape: entry.shape, dtype: DType(entry.elementType))
            }
            return (entry.name, tensor)
        }
        return Contents(tensors: NamedTensors(tensors), metadata: file.metadata)
    }

    /// Writes `tensors` in their order, atomically (see `SafeTensorsFile.write(to:)`).
    public static func write(_ tensors: NamedTensors, metadata: [String: String] = [:],
                             to url: URL) throws {
        let entries = try tensors.map { name, tensor in
            SafeTensorsFile.Entry(
                name: name, elementType: SafeTensorsFile.ElementType(tensor.dtype),
                shape: tensor.shape, bytes: Data(try tensor.bytes()))
        }
        try SafeTensorsFile(entries: entries, metadata: metadata).write(to: url)
    }
}

extension DType {
    /// The tensor type for a safetensors element type. Both lists hold the same seven
    /// types, so the search always finds one.
    init(_ elementType: SafeTensorsFile.ElementType) {
        self = DType.allCases.first { SafeTensorsFile.ElementType($0) == elementType } ?? .float32
    }
}

extension SafeTensorsFile.ElementType {
    /// The safetensors code for a tensor type.
    init(_ dtype: DType) {
        self = switch dtype {
        case .float32: .float32
        case .float64: .float64
        case .float16: .float16
        case .int64: .int64
        case .int32: .int32
        case .uint8: .uint8
        case .bool: .bool
        }
    }
}
