/// Base class of trainable layers: owns named parameters, buffers and submodules.
///
/// Subclasses create their tensors, register them once in their initialiser, and keep typed
/// references for `forward`:
///
///     final class Scale: Module {
///         let weight: Tensor
///         init(channels: Int) throws {
///             weight = try Tensor.ones([channels])
///             super.init()
///             try registerParameter("weight", weight)
///         }
///     }
///
/// Names are joined with dots in registration order, so a model that registers its layers
/// as "0", "1", ... under a submodule "model" yields PyTorch's `model.0.conv.weight` keys.
/// Loading a state dict copies values into the registered tensors in place, so references
/// held by subclasses and optimizers stay valid.
///
/// Not `Sendable`: registration and the training flag are unsynchronised mutable state. A
/// model belongs to one task at a time.
open class Module {
    /// Whether the module is in training mode (BatchNorm uses batch statistics) or eval mode.
    public private(set) var isTraining = true
    private var ownParameters: [(name: String, tensor: Tensor)] = []
    private var ownBuffers: [(name: String, tensor: Tensor)] = []
    private var ownChildren: [(name: String, module: Module)] = []

    public init() {}

    /// Registers a trainable tensor and marks it as requiring gradients.
    @discardableResult
    public func registerParameter(_ name: String, _ tensor: Tensor) throws -> Tensor {
        try checkNewName(name, kind: "parameter")
        try tensor.requiresGrad(true)
        ownParameters.append((name, tensor))
        return tensor
    }

    /// Registers a state tensor that is saved and loaded but not trained (running statistics,
    /// anchors, counters).
    @discardableResult
    public func registerBuffer(_ name: String, _ tensor: Tensor) throws -> Tensor {
        try checkNewName(name, kind: "buffer")
        ownBuffers.append((name, tensor))
        return tensor
    }

    /// Registers a submodule; its entries appear under `name.`.
    @discardableResult
    public func registerModule<Child: Module>(_ name: String, _ module: Child) throws -> Child {
        try checkNewName(name, kind: "module")
        guard module !== self else {
            throw ModuleError.invalidName(name, reason: "a module cannot contain itself")
        }
        ownChildren.append((name, module))
        return module
    }

    /// Direct submodules in registration order.
    public var children: [(name: String, module: Module)] { ownChildren }

    /// This module and every descendant with dotted names ("" for self), depth first.
    public func namedModules() -> [(name: String, module: Module)] {
        var result: [(name: String, module: Module)] = [("", self)]
        for (name, child) in ownChildren {
            result += child.namedModules().map { (join(name, $0.name), $0.module) }
        }
        return result
    }

    /// All parameters with dotted names: own first, then each submodule's, recursively.
    ///
    /// Known gap: a tensor registered under two names is listed twice (PyTorch lists shared
    /// parameters once). Deduplicating by `ObjectIdentifier` would fix it; YOLOv5 shares none.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        collect { $0.ownParameters }
    }

    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// All buffers with dotted names: own first, then each submodule's, recursively.
    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        collect { $0.ownBuffers }
    }

    /// Sets training mode on this module and all descendants.
    public func train(_ training: Bool = true) {
        isTraining = training
        for (_, child) in ownChildren {
            child.train(training)
        }
    }

    /// Sets eval mode on this module and all descendants.
    public func eval() { train(false) }

    /// Zeroes (or drops) the gradient of every parameter.
    public func zeroGrad(setToNone: Bool = false) throws {
        for parameter in parameters() {
            try parameter.zeroGrad(setToNone: setToNone)
        }
    }

    /// Parameters and buffers in PyTorch's `state_dict()` order: per module its parameters,
    /// then its buffers, then its submodules. The tensors are the live ones, not copies.
    public func stateDict() -> NamedTensors {
        var result = NamedTensors()
        for (name, tensor) in collect({ $0.ownParameters + $0.ownBuffers }) {
            result[name] = tensor
        }
        return result
    }

    /// Copies `source` into the registered tensors, converting dtype (a float16 file loads
    /// into float32 parameters) and device.
    ///
    /// Nothing is copied unless every check passes. Shapes must match exactly. With `strict`,
    /// keys missing from `source` or unknown to the model are errors too; without it they
    /// are skipped. The error lists every problem at once.
    public func loadStateDict(_ source: NamedTensors, strict: Bool = true) throws {
        let target = stateDict()
        let missing = target.names.filter { !source.contains($0) }
        let unexpected = source.names.filter { !target.contains($0) }
        var mismatches: [StateDictError.ShapeMismatch] = []
        for (name, tensor) in target {
            if let incoming = source[name], incoming.shape != tensor.shape {
                mismatches.append(.init(key: name, expected: tensor.shape, actual: incoming.shape))
            }
        }
        if !mismatches.isEmpty || (strict && !(missing.isEmpty && unexpected.isEmpty)) {
            throw StateDictError(
                missingKeys: strict ? missing : [], unexpectedKeys: strict ? unexpected : [],
                shapeMismatches: mismatches)
        }
        try Torch.withNoGrad {
            for (name, tensor) in target {
                if let incoming = source[name] {
                    try tensor.copy_(incoming)
                }
            }
        }
    }

    private func collect(_ entries: (Module) -> [(name: String, tensor: Tensor)])
        -> [(name: String, tensor: Tensor)]
    {
        var result = entries(self)
        for (name, child) in ownChildren {
            result += child.collect(entries).map { (join(name, $0.name), $0.tensor) }
        }
        return result
    }

    private func checkNewName(_ name: String, kind: String) throws {
        if name.isEmpty || name.contains(".") {
            throw ModuleError.invalidName(name, reason: "\(kind) names must be non-empty "
                + "and contain no dots")
        }
        let taken = ownParameters.contains { $0.name == name }
            || ownBuffers.contains { $0.name == name }
            || ownChildren.contains { $0.name == name }
        if taken {
            throw ModuleError.duplicateName(name, in: String(describing: type(of: self)))
        }
    }
}

private func join(_ prefix: String, _ name: String) -> String {
    name.isEmpty ? prefix : "\(prefix).\(name)"
}

/// A registration mistake in a `Module` subclass.
public enum ModuleError: Error, CustomStringConvertible, Equatable {
    case invalidName(String, reason: String)
    case duplicateName(String, in: String)

    public var description: String {
        switch self {
        case .invalidName(let name, let reason):
            "Module: invalid name '\(name)': \(reason)"
        case .duplicateName(let name, let owner):
            "Module: \(owner) already has an entry named '\(name)'"
        }
    }
}

/// Why `Module.loadStateDict` refused a state dict. Lists every problem found.
public struct StateDictError: Error, CustomStringConvertible, Equatable {
    public struct ShapeMismatch: Equatable, Sendable {
        public let key: String
        /// The model's shape.
        public let expected: [Int]
        /// The state dict's shape.
        public let actual: [Int]
    }

    public let missingKeys: [String]
    public let unexpectedKeys: [String]
    public let shapeMismatches: [ShapeMismatch]

    public var description: String {
        var parts: [String] = []
        if !missingKeys.isEmpty {
            parts.append("missing keys: \(listed(missingKeys))")
        }
        if !unexpectedKeys.isEmpty {
            parts.append("unexpected keys: \(listed(unexpectedKeys))")
        }
        for mismatch in shapeMismatches {
            parts.append("shape mismatch for \(mismatch.key): model has \(mismatch.expected), "
                + "state dict has \(mismatch.actual)")
        }
        return "loadStateDict: " + parts.joined(separator: "; ")
    }

    /// Up to 10 names, then a count, so a wrong file does not print 349 keys.
    private func listed(_ keys: [String]) -> String {
        let shown = keys.prefix(10).joined(separator: ", ")
        return keys.count > 10 ? "\(shown) and \(keys.count - 10) more" : shown
    }
}
