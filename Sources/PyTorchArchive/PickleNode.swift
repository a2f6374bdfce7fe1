// Mutable values the pickle machine works on, and their conversion to the public tree.
//
// Pickles fill containers after creating and memoising them (EMPTY_DICT, BINPUT, ...,
// SETITEMS), and a memoised container may be fetched again later, so containers need
// reference semantics while the pickle runs. The result is then frozen into the immutable,
// Sendable PickleValue tree.

/// A list, set or the list items of an object, shared between stack and memo.
final class NodeList {
    var items: [PickleNode]
    init(_ items: [PickleNode] = []) { self.items = items }
}

/// A dict, shared between stack and memo. Later keys replace earlier equal ones in place,
/// as Python's dict does.
final class NodeDictionary {
    private(set) var keys: [PickleNode] = []
    private(set) var values: [PickleNode] = []
    private var positions: [HashableKey: Int] = [:]

    func set(_ key: PickleNode, _ value: PickleNode) {
        guard let hashable = HashableKey(key) else {
            keys.append(key)
            values.append(value)
            return
        }
        if let position = positions[hashable] {
            values[position] = value
        } else {
            positions[hashable] = keys.count
            keys.append(key)
            values.append(value)
        }
    }

    /// The key kinds whose equality is cheap to decide; other keys are simply appended.
    private enum HashableKey: Hashable {
        case string(String)
        case int(Int)
        case none

        init?(_ node: PickleNode) {
            switch node {
            case .value(.string(let text)): self = .string(text)
            case .value(.int(let number)): self = .int(number)
            case .value(.bool(let flag)): self = .int(flag ? 1 : 0)
            case .value(.none): self = .none
            default: return nil
            }
        }
    }
}

/// An object under construction: BUILD and SETITEMS may reach it after it is memoised.
final class NodeObject {
    let type: PickleGlobal
    let arguments: [PickleNode]
    var state: PickleNode?
    let dictionaryItems = NodeDictionary()
    let listItems = NodeList()

    init(type: PickleGlobal, arguments: [PickleNode]) {
        self.type = type
        self.arguments = arguments
    }
}

/// A value on the pickle machine's stack or in its memo.
enum PickleNode {
    /// Anything immutable: scalars, strings, globals, storages, tensors, frozen results.
    case value(PickleValue)
    case tuple([PickleNode])
    case list(NodeList)
    case set(NodeList)
    case dict(NodeDictionary)
    case object(NodeObject)
}

/// Turns nodes into PickleValues, converting each shared container once.
struct NodeFreezer {
    /// Deeper nesting than this is taken as a damaged or hostile pickle, not a model.
    static let maximumDepth = 500

    private var finished: [ObjectIdentifier: PickleValue] = [:]
    private var inProgress: Set<ObjectIdentifier> = []

    enum Failure: Error {
        case cycle(String)
        case tooDeep
    }

    mutating func freeze(_ node: PickleNode, depth: Int = 0) throws(Failure) -> PickleValue {
        guard depth < NodeFreezer.maximumDepth else { throw .tooDeep }
        switch node {
        case .value(let value):
            return value
        case .tuple(let items):
            return .tuple(try freezeAll(items, depth: depth))
        case .list(let list):
            return try shared(list, "list", depth) { freezer, depth throws(Failure) in
                .list(try freezer.freezeAll(list.items, depth: depth))
            }
        case .set(let list):
            return try shared(list, "set", depth) { freezer, depth throws(Failure) in
                .set(try freezer.freezeAll(list.items, depth: depth))
            }
        case .dict(let dictionary):
            return try shared(dictionary, "dict", depth) { freezer, depth throws(Failure) in
                .dict(try freezer.freezeDictionary(dictionary, depth: depth))
            }
        case .object(let object):
            return try shared(object, "\(object.type) object", depth) {
                freezer, depth throws(Failure) in
                .object(try freezer.freezeObject(object, depth: depth))
            }
        }
    }

    private mutating func freezeAll(
        _ nodes: [PickleNode], depth: Int
    ) throws(Failure) -> [PickleValue] {
        var values: [PickleValue] = []
        values.reserveCapacity(nodes.count)
        for node in nodes { values.append(try freeze(node, depth: depth + 1)) }
        return values
    }

    private mutating func freezeDictionary(
        _ dictionary: NodeDictionary, depth: Int
    ) throws(Failure) -> PickleDictionary {
        let keys = try freezeAll(dictionary.keys, depth: depth)
        let values = try freezeAll(dictionary.values, depth: depth)
        return PickleDictionary(entries: zip(keys, values).map {
            PickleDictionary.Entry(key: $0, value: $1)
        })
    }

    private mutating func freezeObject(
        _ object: NodeObject, depth: Int
    ) throws(Failure) -> PickleObject {
        var state: PickleValue?
        if let node = object.state { state = try freeze(node, depth: depth + 1) }
        return PickleObject(
            type: object.type,
            arguments: try freezeAll(object.arguments, depth: depth),
            state: state,
            dictionaryItems: try freezeDictionary(object.dictionaryItems, depth: depth),
            listItems: try freezeAll(object.listItems.items, depth: depth))
    }

    /// Converts a shared container once, and refuses one that contains itself: a tree of
    /// values cannot express a cycle.
    private mutating func shared(
        _ box: AnyObject, _ kind: String, _ depth: Int,
        _ convert: (inout NodeFreezer, Int) throws(Failure) -> PickleValue
    ) throws(Failure) -> PickleValue {
        let identity = ObjectIdentifier(box)
        if let done = finished[identity] { return done }
        guard inProgress.insert(identity).inserted else { throw .cycle(kind) }
        let value = try convert(&self, depth)
        inProgress.remove(identity)
        finished[identity] = value
        return value
    }
}
