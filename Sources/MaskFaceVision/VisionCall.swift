import CVision

/// The `char **error` out-parameter every fallible shim function takes last.
typealias ShimErrorSlot = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

/// The one place that calls into the shim: runs `call`, frees the shim's error string and
/// turns a failed status into a `VisionError` naming `operation`. Every wrapper uses it.
func callShim(
    _ operation: @autoclosure () -> String,
    _ call: (ShimErrorSlot) -> cvision_status
) throws {
    var message: UnsafeMutablePointer<CChar>?
    let status = call(&message)
    defer { cvision_string_free(message) }
    guard status == CVISION_OK else {
        let reason = message.map { String(cString: $0) } ?? "failed without a message"
        throw VisionError(operation: operation(), message: reason)
    }
}

/// `callShim` for functions that hand back a new handle through an out-parameter.
func makeHandle(
    _ operation: @autoclosure () -> String,
    _ call: (UnsafeMutablePointer<OpaquePointer?>, ShimErrorSlot) -> cvision_status
) throws -> OpaquePointer {
    var handle: OpaquePointer?
    try callShim(operation(), { call(&handle, $0) })
    guard let handle else {
        throw VisionError(operation: operation(), message: "the shim returned no handle")
    }
    return handle
}
