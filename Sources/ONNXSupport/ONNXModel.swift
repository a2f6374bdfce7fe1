import CONNX
import Foundation

/// An ONNX model held by libonnx: built piece by piece, checked, written atomically, or read
/// back from a file for inspection.
///
/// Not `Sendable`: the protobuf behind the handle is mutated by the building methods and
/// libonnx does no locking.
public final class ONNXModel {
    let handle: OpaquePointer
    /// Where the model came from, for error messages ("new model" when built in memory).
    public let origin: String

    /// Starts an empty model.
    /// - Parameters:
    ///   - irVersion: the file-format version; it must be new enough for the opset (IR 7
    ///     covers opsets up to 14, IR 8 up to 17).
    public init(graphName: String, irVersion: Int, producerName: String,
                producerVersion: String) throws {
        var created: OpaquePointer?
        try onnxCall("create ONNX model") {
            connx_model_create(graphName, Int64(irVersion), producerName, producerVersion,
                               &created, $0)
        }
        guard let created else {
            throw ONNXError(operation: "create ONNX model", message: "the shim returned no model")
        }
        handle = created
        origin = "new model"
    }

    /// Parses an ONNX file without checking it (use `check()` for that).
    public init(contentsOf path: String) throws {
        var loaded: OpaquePointer?
        try onnxCall("read ONNX model \(path)") { connx_model_read(path, &loaded, $0) }
        guard let loaded else {
            throw ONNXError(operation: "read ONNX model \(path)",
                            message: "the shim returned no model")
        }
        handle = loaded
        origin = path
    }

    deinit { connx_model_free(handle) }

    /// The newest IR version and default-domain opset the linked libonnx knows.
    public static func supportedVersions() throws -> (irVersion: Int, opset: Int) {
        var irVersion: Int64 = 0
        var opset: Int64 = 0
        try onnxCall("query libonnx versions") {
            connx_supported_versions(&irVersion, &opset, $0)
        }
        return (Int(irVersion), Int(opset))
    }

    public func importOpset(domain: String = "", version: Int) throws {
        try onnxCall("import opset \(version)") {
            connx_model_import_opset(handle, domain, Int64(version), $0)
        }
    }

    public func setMetadata(_ key: String, _ value: String) throws {
        try onnxCall("set metadata '\(key)'") {
            connx_model_set_metadata(handle, key, value, $0)
        }
    }

    /// Declares a graph input or output with its element type and shape.
    public func addValue(_ role: ONNXValueRole, name: String, type: ONNXElementType,
                         shape: [ONNXDimension]) throws {
        let sizes: [Int64] = shape.map {
            if case let .fixed(size) = $0 { return Int64(size) }
            return -1
        }
        let axisNames: [String?] = shape.map {
            if case let .named(axis) = $0 { return axis }
            return nil
        }
        try withCStrings(axisNames) { axisPointers in
            try onnxCall("declare graph value '\(name)'") {
                connx_model_add_value(handle, role.cValue, name, type.cValue, sizes, axisPointers,
                                      sizes.count, $0)
            }
        }
    }

    /// Adds an initializer from raw little-endian element bytes.
    public func addInitializer(name: String, type: ONNXElementType, shape: [Int],
                               bytes: UnsafeRawBufferPointer) throws {
        let sizes = shape.map(Int64.init)
        try onnxCall("add initializer '\(name)'") {
            connx_model_add_initializer(handle, name, type.cValue, sizes, sizes.count,
                                        bytes.baseAddress, bytes.count, $0)
        }
    }

    /// Appends a node and sets its attributes; returns the node's position in the graph.
    @discardableResult
    public func addNode(_ operatorType: String, name: String, inputs: [String],
                        outputs: [String], attributes: [ONNXAttribute] = []) throws -> Int {
        var index = 0
        try withCStrings(inputs) { inputPointers in
            try withCStrings(outputs) { outputPointers in
                try onnxCall("add \(operatorType) node '\(name)'") {
                    connx_model_add_node(handle, operatorType, name, inputPointers, inputs.count,
                                         outputPointers, outputs.count, &index, $0)
                }
            }
        }
        for attribute in attributes {
            try setAttribute(attribute, node: index, nodeName: name)
        }
        return index
    }

    private func setAttribute(_ attribute: ONNXAttribute, node: Int, nodeName: String) throws {
        let operation = "set attribute of node '\(nodeName)'"
        switch attribute {
        case let .int(key, value):
            try onnxCall(operation) { connx_node_set_int(handle, node, key, Int64(value), $0) }
        case let .ints(key, values):
            let wide = values.map(Int64.init)
            try onnxCall(operation) {
                connx_node_set_ints(handle, node, key, wide, wide.count, $0)
            }
        case let .float(key, value):
            try onnxCall(operation) { connx_node_set_float(handle, node, key, value, $0) }
        case let .string(key, value):
            try onnxCall(operation) { connx_node_set_string(handle, node, key, value, $0) }
        }
    }

    /// Runs libonnx's checker and strict shape inference; throws what they report.
    public func check() throws {
        try onnxCall("check \(origin)") { connx_model_check(handle, $0) }
    }

    /// Writes the model to `path` through a temporary file that is checked (checker and
    /// strict shape inference on the bytes read back from disk) before it replaces `path`.
    /// On failure the previous file at `path` is untouched. Returns the file size in bytes.
    @discardableResult
    public func write(to path: String) throws -> Int {
        var byteCount: UInt64 = 0
        try onnxCall("write \(path)") { connx_model_write(handle, path, &byteCount, $0) }
        return Int(byteCount)
    }
}

/// Calls `body` with a C array of C strings (NULL where `strings` has nil) that stays valid
/// for the duration of the call.
func withCStrings<Result>(
    _ strings: [String?],
    _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> Result
) rethrows -> Result {
    let copies = strings.map { $0.map { strdup($0) } ?? nil }
    defer { copies.forEach { free($0) } }
    let pointers: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
    return try pointers.withUnsafeBufferPointer { try body($0.baseAddress) }
}
