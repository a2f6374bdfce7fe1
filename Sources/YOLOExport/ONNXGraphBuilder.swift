import ONNXSupport

/// The element type a graph computes in: weights, constants and intermediate tensors.
public enum ONNXPrecision: String, Sendable, Equatable {
    case float32
    /// Half precision inside the graph; the graph's input and output stay float32 (the
    /// contract) with a Cast at each end.
    case float16

    public var elementType: ONNXElementType { self == .float32 ? .float : .float16 }
}

/// Builds an ONNX graph a node at a time on top of `ONNXModel`: names nodes and their
/// outputs after the layer they belong to, writes float initializers in the chosen
/// precision, and keeps names unique.
///
/// Node names follow `<scope>/<Operator>`, for example `model.2.cv1/Conv`, and each node's
/// single output is named `<node name>:0`, so an error from the checker or OpenCV names the
/// YOLOv5 layer it is about. Not `Sendable`, as `ONNXModel` is not.
public final class ONNXGraphBuilder {
    public let model: ONNXModel
    public let precision: ONNXPrecision
    private var usedNames: Set<String> = []
    public private(set) var nodeCount = 0

    public init(model: ONNXModel, precision: ONNXPrecision) {
        self.model = model
        self.precision = precision
    }

    /// Adds float values as an initializer in the graph's precision; returns its name.
    /// - Parameter shape: sizes whose product is `values.count`.
    @discardableResult
    public func initializer(_ name: String, values: [Float], shape: [Int]) throws -> String {
        switch precision {
        case .float32:
            return try float32Initializer(name, values: values, shape: shape)
        case .float16:
            let halves = values.map { Float16($0) }
            try claim(name)
            try halves.withUnsafeBytes {
                try model.addInitializer(name: name, type: .float16, shape: shape, bytes: $0)
            }
            return name
        }
    }

    /// A float32 initializer whatever the precision (Resize scales must be float32).
    @discardableResult
    public func float32Initializer(_ name: String, values: [Float], shape: [Int]) throws
        -> String
    {
        try claim(name)
        try values.withUnsafeBytes {
            try model.addInitializer(name: name, type: .float, shape: shape, bytes: $0)
        }
        return name
    }

    /// An int64 initializer, such as a Reshape target.
    @discardableResult
    public func int64Initializer(_ name: String, values: [Int], shape: [Int]) throws -> String {
        try claim(name)
        let wide = values.map(Int64.init)
        try wide.withUnsafeBytes {
            try model.addInitializer(name: name, type: .int64, shape: shape, bytes: $0)
        }
        return name
    }

    /// Adds a node with one output; returns the output's name.
    @discardableResult
    public func node(_ operatorType: String, scope: String, inputs: [String],
                     attributes: [ONNXAttribute] = [], output: String? = nil) throws -> String {
        let name = uniqueName("\(scope)/\(operatorType)")
        let outputName = output ?? "\(name):0"
        try claim(name)
        if output != nil {
            try claim(outputName)
        }
        try model.addNode(operatorType, name: name, inputs: inputs, outputs: [outputName],
                          attributes: attributes)
        nodeCount += 1
        return outputName
    }

    /// `name`, or `name_1`, `name_2`, ... when it is taken.
    private func uniqueName(_ name: String) -> String {
        guard usedNames.contains(name) else { return name }
        var suffix = 1
        while usedNames.contains("\(name)_\(suffix)") {
            suffix += 1
        }
        return "\(name)_\(suffix)"
    }

    private func claim(_ name: String) throws {
        guard usedNames.insert(name).inserted else {
            throw ONNXError(operation: "build ONNX graph", message: "name '\(name)' used twice")
        }
    }
}
