// The value tree a pickle turns into: plain data plus inert descriptions of objects.

/// A reference to a Python class or function (`module.name`), which is never resolved.
public struct PickleGlobal: Sendable, Hashable, CustomStringConvertible {
    public let module: String
    public let name: String

    public init(module: String, name: String) {
        self.module = module
        self.name = name
    }

    public var description: String { "\(module).\(name)" }

    /// Whether this names `builtinName` in `builtins` (Python 3) or `__builtin__` (Python 2).
    func isBuiltin(_ builtinName: String) -> Bool {
        name == builtinName && (module == "builtins" || module == "__builtin__")
    }
}

/// An ordered dictionary: pickled dicts keep insertion order, and YOLOv5's state-dict order
/// comes from it.
public struct PickleDictionary: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let key: PickleValue
        public let value: PickleValue

        public init(key: PickleValue, value: PickleValue) {
            self.key = key
            self.value = value
        }
    }

    public let entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    public var count: Int { entries.count }
    public var keys: [PickleValue] { entries.map(\.key) }

    public subscript(key: String) -> PickleValue? {
        self[.string(key)]
    }

    public subscript(key: PickleValue) -> PickleValue? {
        entries.last { $0.key == key }?.value
    }
}

/// An instance of a Python class as the pickle describes it, without running any code.
///
/// `arguments` are what the pickle passes to the constructor (NEWOBJ or REDUCE), `state`
/// is what BUILD would hand to `__setstate__` (for torch modules, the instance `__dict__`),
/// and `dictionaryItems` / `listItems` hold items a dict or list subclass received.
public struct PickleObject: Sendable, Equatable {
    public let type: PickleGlobal
    public let arguments: [PickleValue]
    public let state: PickleValue?
    public let dictionaryItems: PickleDictionary
    public let listItems: [PickleValue]

    /// An attribute from the state: the state dict itself, or the first element of a
    /// `(dict, slots)` state tuple.
    public func attribute(_ name: String) -> PickleValue? {
        switch state {
        case .dict(let dictionary)?: dictionary[name]
        case .tuple(let parts)?: parts.first?.dictionary?[name]
        default: nil
        }
    }
}

/// A torch storage resolved from a persistent id: its element type and raw bytes.
public struct TorchStorage: Sendable, Equatable {
    public let dataType: TensorDataType
    /// The storage's name inside the archive (`<top>/data/<key>`).
    public let key: String
    public let bytes: [UInt8]

    public var elementCount: Int { bytes.count / dataType.elementSize }
}

/// Any value a pickle can produce here.
public indirect enum PickleValue: Sendable, Equatable {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([PickleValue])
    case list([PickleValue])
    case set([PickleValue])
    case dict(PickleDictionary)
    case global(PickleGlobal)
    case object(PickleObject)
    case storage(TorchStorage)
    case tensor(StoredTensor)
}

extension PickleValue {
    public var isNone: Bool { self == .none }

    public var string: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// An int, or a bool read as 0 / 1 as Python would.
    public var int: Int? {
        switch self {
        case .int(let value): value
        case .bool(let value): value ? 1 : 0
        default: nil
        }
    }

    /// A float, or an int widened to Double.
    public var double: Double? {
        switch self {
        case .float(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    public var dictionary: PickleDictionary? {
        if case .dict(let value) = self { value } else { nil }
    }

    public var object: PickleObject? {
        if case .object(let value) = self { value } else { nil }
    }

    public var tensor: StoredTensor? {
        if case .tensor(let value) = self { value } else { nil }
    }

    /// The elements of a tuple, list or set.
    public var elements: [PickleValue]? {
        switch self {
        case .tuple(let items), .list(let items), .set(let items): items
        default: nil
        }
    }

    /// A short name of the kind of value, for error messages.
    public var kindName: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "str"
        case .bytes: "bytes"
        case .tuple: "tuple"
        case .list: "list"
        case .set: "set"
        case .dict: "dict"
        case .global(let global): "class \(global)"
        case .object(let object): "\(object.type) object"
        case .storage: "storage"
        case .tensor: "tensor"
        }
    }
}
