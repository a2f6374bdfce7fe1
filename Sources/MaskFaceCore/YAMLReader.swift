import CYAML
import Foundation

/// A problem in a YAML file, located by file, line and column.
public struct YAMLError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let mark: YAMLMark?
    public let problem: String

    public init(file: String, mark: YAMLMark?, problem: String) {
        self.file = file
        self.mark = mark
        self.problem = problem
    }

    /// `file:line:column: problem`, the form compilers use, so editors can jump to it.
    public var description: String {
        guard let mark else { return "\(file): \(problem)" }
        return "\(file):\(mark.line):\(mark.column): \(problem)"
    }
}

/// Reads YAML documents into `YAMLNode` trees with libyaml's event parser.
///
/// Only what configuration files need: maps, sequences, scalars, anchors and aliases.
/// Tags are ignored and every scalar stays text; callers convert with `int`, `double`...
public enum YAMLReader {
    /// Parses the first document of the file at `path`.
    public static func read(contentsOf path: String) throws -> YAMLNode {
        guard let data = FileManager.default.contents(atPath: path) else {
            let problem = FileManager.default.fileExists(atPath: path)
                ? "cannot read the file" : "no such file"
            throw YAMLError(file: path, mark: nil, problem: problem)
        }
        return try parse(data, file: path)
    }

    /// Parses the first document of `text`; `file` names it in errors.
    public static func parse(_ text: String, file: String = "<string>") throws -> YAMLNode {
        try parse(Data(text.utf8), file: file)
    }

    /// Parses the first document of `data`; an empty document is an empty mapping.
    public static func parse(_ data: Data, file: String) throws -> YAMLNode {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLError(file: file, mark: nil, problem: "libyaml could not start a parser")
        }
        defer { yaml_parser_delete(&parser) }

        let bytes = [UInt8](data)
        return try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = NodeBuilder(file: file)
            return try builder.build(from: &parser)
        }
    }
}

/// Turns libyaml's stream of events into a node tree.
private struct NodeBuilder {
    let file: String
    var anchors: [String: YAMLNode] = [:]

    init(file: String) {
        self.file = file
    }

    mutating func build(from parser: inout yaml_parser_t) throws -> YAMLNode {
        while true {
            var event = try next(&parser)
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .mapping([], YAMLMark(line: 1, column: 1))
            case YAML_DOCUMENT_START_EVENT:
                return try document(&parser)
            default:
                continue
            }
        }
    }

    private mutating func document(_ parser: inout yaml_parser_t) throws -> YAMLNode {
        var event = try next(&parser)
        defer { yaml_event_delete(&event) }
        if event.type == YAML_DOCUMENT_END_EVENT {
            return .mapping([], Self.mark(event.start_mark))
        }
        return try node(startingWith: &event, parser: &parser)
    }

    private mutating func node(
        startingWith event: inout yaml_event_t, parser: inout yaml_parser_t
    ) throws -> YAMLNode {
        let mark = Self.mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value,
                                                            count: scalar.length), as: UTF8.self)
            let node = YAMLNode.scalar(text, mark)
            remember(node, anchor: scalar.anchor)
            return node
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let node = anchors[name] else {
                throw YAMLError(file: file, mark: mark, problem: "unknown alias *\(name)")
            }
            return node
        case YAML_SEQUENCE_START_EVENT:
            let anchor = event.data.sequence_start.anchor.map { String(cString: $0) }
            let node = YAMLNode.sequence(try sequenceItems(&parser), mark)
            if let anchor { anchors[anchor] = node }
            return node
        case YAML_MAPPING_START_EVENT:
            let anchor = event.data.mapping_start.anchor.map { String(cString: $0) }
            let node = YAMLNode.mapping(try mappingEntries(&parser), mark)
            if let anchor { anchors[anchor] = node }
            return node
        default:
            throw YAMLError(file: file, mark: mark, problem: "unexpected YAML structure")
        }
    }

    private mutating func sequenceItems(_ parser: inout yaml_parser_t) throws -> [YAMLNode] {
        var items: [YAMLNode] = []
        while true {
            var event = try next(&parser)
            defer { yaml_event_delete(&event) }
            if event.type == YAML_SEQUENCE_END_EVENT { return items }
            items.append(try node(startingWith: &event, parser: &parser))
        }
    }

    private mutating func mappingEntries(
        _ parser: inout yaml_parser_t
    ) throws -> [(key: String, value: YAMLNode)] {
        var entries: [(key: String, value: YAMLNode)] = []
        while true {
            var keyEvent = try next(&parser)
            defer { yaml_event_delete(&keyEvent) }
            if keyEvent.type == YAML_MAPPING_END_EVENT { return entries }
            let keyNode = try node(startingWith: &keyEvent, parser: &parser)
            guard let key = keyNode.string else {
                let problem = "a mapping key must be a scalar, found a \(keyNode.kindName)"
                throw YAMLError(file: file, mark: keyNode.mark, problem: problem)
            }
            var valueEvent = try next(&parser)
            defer { yaml_event_delete(&valueEvent) }
            entries.append((key, try node(startingWith: &valueEvent, parser: &parser)))
        }
    }

    private mutating func remember(_ node: YAMLNode, anchor: UnsafeMutablePointer<UInt8>?) {
        if let anchor { anchors[String(cString: anchor)] = node }
    }

    /// The next event, or the parser's error with its position.
    private func next(_ parser: inout yaml_parser_t) throws -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else {
            let problem = parser.problem.map { String(cString: $0) } ?? "malformed YAML"
            let context = parser.context.map { " " + String(cString: $0) } ?? ""
            throw YAMLError(file: file, mark: Self.mark(parser.problem_mark),
                            problem: problem + context)
        }
        return event
    }

    /// libyaml counts lines and columns from zero; people count from one.
    static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}
