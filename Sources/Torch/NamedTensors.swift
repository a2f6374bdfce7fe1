/// An ordered collection of named tensors: a state dict, an optimizer state, the contents of
/// a safetensors file.
///
/// Keeps insertion order (for a module's state dict, PyTorch's order: each module's
/// parameters, then its buffers, then its submodules). Assigning to an existing name replaces
/// the tensor and keeps its position; assigning nil removes the entry.
public struct NamedTensors: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, tensor: Tensor)

    /// Names in order.
    public private(set) var names: [String] = []
    private var tensors: [String: Tensor] = [:]

    public init() {}

    /// Entries in the given order; a repeated name keeps its first position and last tensor.
    public init<Entries: Sequence>(_ entries: Entries) where Entries.Element == (String, Tensor) {
        for (name, tensor) in entries {
            self[name] = tensor
        }
    }

    public init(dictionaryLiteral elements: (String, Tensor)...) {
        self.init(elements)
    }

    public var count: Int { names.count }
    public var isEmpty: Bool { names.isEmpty }

    public subscript(name: String) -> Tensor? {
        get { tensors[name] }
        set {
            switch (tensors[name], newValue) {
            case (nil, let tensor?):
                names.append(name)
                tensors[name] = tensor
            case (_?, let tensor?):
                tensors[name] = tensor
            case (_?, nil):
                names.removeAll { $0 == name }
                tensors[name] = nil
            case (nil, nil):
                break
            }
        }
    }

    public func contains(_ name: String) -> Bool { tensors[name] != nil }

    public func makeIterator() -> AnyIterator<Element> {
        var position = names.makeIterator()
        return AnyIterator {
            guard let name = position.next(), let tensor = tensors[name] else { return nil }
            return (name, tensor)
        }
    }
}
