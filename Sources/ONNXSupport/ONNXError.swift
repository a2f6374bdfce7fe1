import CONNX

/// An error reported by libonnx (the checker, shape inference, protobuf parsing) or by the
/// shim's own argument and file checks, with the operation that raised it.
///
/// `description` is one line, `operation: message`; libonnx's checker messages often span
/// several lines (the failing node is printed below the reason), so they are joined.
public struct ONNXError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The Swift-level operation that failed, such as `write /tmp/model.onnx`.
    public let operation: String
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
typealias ONNXErrorSlot = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

/// The single place where Swift calls into the ONNX shim.
///
/// Runs `body` with an error slot; when the shim reports `CONNX_ERROR` it reads and frees
/// the message and throws an `ONNXError` naming `operation`. Every wrapper goes through here.
func onnxCall(_ operation: @autoclosure () -> String,
              _ body: (ONNXErrorSlot) -> connx_status) throws {
    var error: UnsafeMutablePointer<CChar>? = nil
    let status = body(&error)
    defer { connx_string_free(error) }
    guard status == CONNX_OK else {
        let message = error.map { String(cString: $0) } ?? "libonnx failed without a message"
        throw ONNXError(operation: operation(), message: message)
    }
}

/// Takes ownership of a string the shim returned: copies it and frees the C buffer.
func takeString(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
    defer { connx_string_free(pointer) }
    return pointer.map { String(cString: $0) } ?? ""
}
