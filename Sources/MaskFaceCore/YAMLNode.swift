/// A position in a YAML file, 1-based as editors show it.
public struct YAMLMark: Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// One node of a parsed YAML document: a scalar, a sequence or a mapping.
///
/// Mappings keep their keys in file order because YOLOv5's model files list layers in
/// order and users expect `data.yaml` to be echoed back as written. Every node carries the
/// mark where it starts, so that errors can name the line and column of a bad value.
public indirect enum YAMLNode: Sendable, Equatable {
    case scalar(String, YAMLMark)
    case sequence([YAMLNode], YAMLMark)
    case mapping([(key: String, value: YAMLNode)], YAMLMark)

    public var mark: YAMLMark {
        switch self {
        case .scalar(_, let mark), .sequence(_, let mark), .mapping(_, let mark): return mark
        }
    }

    /// The kind of node, for error messages ("expected a sequence, found a scalar").
    public var kindName: String {
        switch self {
        case .scalar: return "scalar"
        case .sequence: return "sequence"
        case .mapping: return "mapping"
        }
    }

    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        switch (lhs, rhs) {
        case let (.scalar(a, _), .scalar(b, _)): return a == b
        case let (.sequence(a, _), .sequence(b, _)): return a == b
        case let (.mapping(a, _), .mapping(b, _)):
            return a.count == b.count
                && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The scalar's text, or nil for a sequence or mapping.
    public var string: String? {
        if case .scalar(let text, _) = self { return text }
        return nil
    }

    /// The scalar as an integer (decimal, optional sign), or nil.
    public var int: Int? { string.flatMap { Int($0.trimmingSpaces) } }

    /// The scalar as a floating-point number (`1e-3`, `.5`, `0.937`), or nil.
    public var double: Double? {
        guard let text = string?.trimmingSpaces, !text.isEmpty else { return nil }
        return Double(text)
    }

    /// The scalar as a YAML 1.1 boolean (true/false/yes/no/on/off), or nil.
    public var bool: Bool? {
        switch string?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// True for `~`, `null` or an empty plain scalar.
    public var isNull: Bool {
        guard let text = string else { return false }
        return text.isEmpty || text == "~" || text.lowercased() == "null"
    }

    /// The items of a sequence, or nil.
    public var items: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// The entries of a mapping in file order, or nil.
    public var entries: [(key: String, value: YAMLNode)]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    /// The value for `key` in a mapping (the last one if a key repeats), or nil.
    public subscript(key: String) -> YAMLNode? {
        entries?.last(where: { $0.key == key })?.value
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first?.isWhitespace == true { text.removeFirst() }
        while text.last?.isWhitespace == true { text.removeLast() }
        return String(text)
    }
}
