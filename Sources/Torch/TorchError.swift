import CTorch
import Foundation

/// An error reported by libtorch (or by the shim's argument checks), with the operation that
/// raised it.
///
/// `description` is one line, `operation: message`, so that it reads well in a log or on
/// stderr. libtorch's messages sometimes span several lines; they are joined with spaces.
public struct TorchError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The Swift-level operation that failed, such as `conv2d` or `safetensors.read`.
    public let operation: String
    /// libtorch's own text, or a message from this module.
    public let message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String {
        let oneLine = message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
        return "\(operation): \(oneLine)"
    }
}

/// Where the shim writes its error message: a pointer to a `char *`.
typealias ErrorSlot = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

/// The single place where Swift calls into the shim.
///
/// Runs `body` with an error slot, and when the shim reports `CTORCH_ERROR` reads and frees
/// its message and throws a `TorchError` naming `operation`. Every wrapper goes through here.
@inline(__always)
func torchCall(_ operation: String, _ body: (ErrorSlot) -> ctorch_status) throws {
    var error: UnsafeMutablePointer<CChar>? = nil
    let status = body(&error)
    if status == CTORCH_OK {
        return
    }
    let message = error.map { String(cString: $0) } ?? "libtorch reported an error without text"
    ctorch_string_free(error)
    throw TorchError(operation: operation, message: message)
}

/// A shim call that produces one new tensor handle, wrapped in a `Tensor`.
@inline(__always)
func makeTensor(
    _ operation: String,
    _ body: (UnsafeMutablePointer<OpaquePointer?>, ErrorSlot) -> ctorch_status
) throws -> Tensor {
    var handle: OpaquePointer? = nil
    try torchCall(operation) { body(&handle, $0) }
    guard let handle else {
        throw TorchError(operation: operation, message: "libtorch returned no tensor")
    }
    return Tensor(owning: handle)
}

/// A shim call that produces two tensors (values and indices of max, sort, topk).
func makeTensorPair(
    _ operation: String,
    _ body: (
        UnsafeMutablePointer<OpaquePointer?>, UnsafeMutablePointer<OpaquePointer?>, ErrorSlot
    ) -> ctorch_status
) throws -> (values: Tensor, indices: Tensor) {
    var first: OpaquePointer? = nil
    var second: OpaquePointer? = nil
    try torchCall(operation) { body(&first, &second, $0) }
    guard let first, let second else {
        throw TorchError(operation: operation, message: "libtorch returned no tensors")
    }
    return (Tensor(owning: first), Tensor(owning: second))
}

/// A shim call that produces a tensor list; its elements become separate `Tensor`s.
func makeTensorList(
    _ operation: String,
    _ body: (UnsafeMutablePointer<OpaquePointer?>, ErrorSlot) -> ctorch_status
) throws -> [Tensor] {
    var list: OpaquePointer? = nil
    try torchCall(operation) { body(&list, $0) }
    defer { ctorch_tensor_list_free(list) }
    var count = 0
    try torchCall(operation) { ctorch_tensor_list_count(list, &count, $0) }
    return try (0..<count).map { index in
        try makeTensor(operation) { ctorch_tensor_list_get(list, index, $0, $1) }
    }
}
