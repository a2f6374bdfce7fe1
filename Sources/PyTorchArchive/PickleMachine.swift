// A pickle interpreter that builds a value tree and never runs code.
//
// Written by hand because no Swift library reads pickles. Classes are recorded by name and
// instances become PickleObject descriptions; only container types (dict, OrderedDict, set,
// list) and a few helpers Python itself uses to encode plain data (copyreg, _codecs) are
// given meaning here. Everything torch-specific reaches the machine through PickleHooks.

/// How the caller gives meaning to persistent ids and to calls of selected globals.
struct PickleHooks {
    /// Resolves the value passed to PERSID / BINPERSID (torch: a storage description).
    var persistentLoad: (PickleValue) throws(CheckpointError) -> PickleValue
    /// Returns the result of calling `global` with `arguments`, or nil to record the call
    /// as a generic object.
    var reduce: (PickleGlobal, [PickleValue]) throws(CheckpointError) -> PickleValue?
}

/// Runs one pickle program (protocols 0 to 5, without out-of-band buffers).
struct PickleMachine {
    private let path: String
    private let member: String
    private let hooks: PickleHooks
    private var cursor: ByteCursor
    private var stack: [PickleNode] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleNode] = [:]
    private var opcodeOffset = 0
    private var opcodeName = "start"

    /// Unpickles `bytes`; errors read `<path>: <member> at byte N (OPCODE): problem`.
    static func run(
        path: String, member: String, bytes: [UInt8], hooks: PickleHooks
    ) throws(CheckpointError) -> PickleValue {
        var machine = PickleMachine(path: path, member: member, hooks: hooks,
                                    cursor: ByteCursor(bytes))
        return try machine.execute()
    }

    private init(path: String, member: String, hooks: PickleHooks, cursor: ByteCursor) {
        self.path = path
        self.member = member
        self.hooks = hooks
        self.cursor = cursor
    }

    private mutating func execute() throws(CheckpointError) -> PickleValue {
        while true {
            opcodeOffset = cursor.offset
            guard let byte = cursor.readByte() else {
                throw fail("truncated pickle: ended without STOP")
            }
            guard let opcode = PickleOpcode(rawValue: byte) else {
                opcodeName = "?"
                throw fail("unknown opcode 0x\(String(byte, radix: 16, uppercase: true))")
            }
            opcodeName = "\(opcode)"
            if opcode == .STOP { return try freeze(pop()) }
            try perform(opcode)
        }
    }

    private mutating func perform(_ opcode: PickleOpcode) throws(CheckpointError) {
        if try performStackOpcode(opcode) { return }
        if try performScalarOpcode(opcode) { return }
        if try performTextOpcode(opcode) { return }
        if try performContainerOpcode(opcode) { return }
        if try performMemoOpcode(opcode) { return }
        if try performObjectOpcode(opcode) { return }
        throw fail("unsupported opcode \(opcode) (extension registry and out-of-band buffers "
            + "are not part of torch checkpoints)")
    }
}

// MARK: - Opcode groups

extension PickleMachine {
    private mutating func performStackOpcode(
        _ opcode: PickleOpcode
    ) throws(CheckpointError) -> Bool {
        switch opcode {
        case .PROTO:
            let version = try readUnsigned(1)
            guard version <= 5 else { throw fail("pickle protocol \(version) is unknown") }
        case .FRAME: _ = try readUnsigned(8)
        case .MARK: marks.append(stack.count)
        case .POP: _ = try pop()
        case .POP_MARK: _ = try popMark()
        case .DUP: stack.append(try peek())
        default: return false
        }
        return true
    }

    private mutating func performScalarOpcode(
        _ opcode: PickleOpcode
    ) throws(CheckpointError) -> Bool {
        switch opcode {
        case .NONE: push(.none)
        case .NEWTRUE: push(.bool(true))
        case .NEWFALSE: push(.bool(false))
        case .BININT: push(.int(Int(Int32(truncatingIfNeeded: try readUnsigned(4)))))
        case .BININT1: push(.int(Int(try readUnsigned(1))))
        case .BININT2: push(.int(Int(try readUnsigned(2))))
        case .LONG1: push(.int(try readLittleEndianSigned(byteCount: Int(readUnsigned(1)))))
        case .LONG4: push(.int(try readLittleEndianSigned(byteCount: Int(readUnsigned(4)))))
        case .INT: push(try parseTextInteger(readTextLine()))
        case .LONG: push(try parseTextInteger(readTextLine(), dropping: "L"))
        case .FLOAT:
            guard let value = Double(try readTextLine()) else { throw fail("malformed float") }
            push(.float(value))
        case .BINFLOAT:
            // The only big-endian field in the format.
            push(.float(Double(bitPattern: UInt64(bigEndian: try readUnsigned(8)))))
        default: return false
        }
        return true
    }

    private mutating func performTextOpcode(
        _ opcode: PickleOpcode
    ) throws(CheckpointError) -> Bool {
        switch opcode {
        case .BINUNICODE: push(.string(String(decoding: try readCounted(4), as: UTF8.self)))
        case .SHORT_BINUNICODE:
            push(.string(String(decoding: try readCounted(1), as: UTF8.self)))
        case .BINUNICODE8: push(.string(String(decoding: try readCounted(8), as: UTF8.self)))
        case .UNICODE: push(.string(PickleText.rawUnicodeEscape(try readLine())))
        case .BINSTRING: push(PickleText.legacyString(try readCounted(4)))
        case .SHORT_BINSTRING: push(PickleText.legacyString(try readCounted(1)))
        case .STRING:
            guard let bytes = PickleText.unquote(try readLine()) else {
                throw fail("malformed quoted string")
            }
            push(PickleText.legacyString(bytes[...]))
        case .BINBYTES: push(.bytes(Array(try readCounted(4))))
        case .SHORT_BINBYTES: push(.bytes(Array(try readCounted(1))))
        case .BINBYTES8, .BYTEARRAY8: push(.bytes(Array(try readCounted(8))))
        default: return false
        }
        return true
    }

    private mutating func performContainerOpcode(
        _ opcode: PickleOpcode
    ) throws(CheckpointError) -> Bool {
        switch opcode {
        case .EMPTY_TUPLE: stack.append(.tuple([]))
        case .TUPLE: stack.append(.tuple(try popMark()))
        case .TUPLE1, .TUPLE2, .TUPLE3:
            let count = Int(opcode.rawValue - PickleOpcode.TUPLE1.rawValue) + 1
            stack.append(.tuple(try pop(count)))
        case .EMPTY_LIST: stack.append(.list(NodeList()))
        case .LIST: stack.append(.list(NodeList(try popMark())))
        case .APPEND: try append(try pop(1))
        case .APPENDS: try append(try popMark())
        case .EMPTY_DICT: stack.append(.dict(NodeDictionary()))
        case .DICT:
            let dictionary = NodeDictionary()
            try setItems(try popMark(), into: dictionary)
            stack.append(.dict(dictionary))
        case .SETITEM: try setItems(try pop(2))
        case .SETITEMS: try setItems(try popMark())
        case .EMPTY_SET: stack.append(.set(NodeList()))
        case .ADDITEMS: try addToSet(try popMark())
        case .FROZENSET: stack.append(.set(NodeList(try popMark())))
        default: return false
        }
        return true
    }

    private mutating func performMemoOpcode(
        _ opcode: PickleOpcode
    ) throws(CheckpointError) -> Bool {
        switch opcode {
        case .GET: try fetch(try parseMemoKey(readTextLine()))
        case .BINGET: try fetch(Int(try readUnsigned(1)))
        case .LONG_BINGET: try fetch(Int(try readUnsigned(4)))
        case .PUT: memo[try parseMemoKey(readTextLine())] = try peek()
        case .BINPUT: memo[Int(try readUnsigned(1))] = try peek()
        case .LONG_BINPUT: memo[Int(try readUnsigned(4))] = try peek()
        case .MEMOIZE: memo[memo.count] = try peek()
        default: return false
        }
        return true
    }

    private mutating func performObjectOpcode(
        _ opcode: PickleOpcode
    ) throws(CheckpointError) -> Bool {
        switch opcode {
        case .GLOBAL:
            let module = try readTextLine()
            push(.global(PickleGlobal(module: module, name: try readTextLine())))
        case .STACK_GLOBAL:
            let name = try pop()
            let module = try pop()
            guard case .value(.string(let moduleName)) = module,
                case .value(.string(let className)) = name
            else { throw fail("STACK_GLOBAL needs two strings") }
            push(.global(PickleGlobal(module: moduleName, name: className)))
        case .REDUCE:
            let arguments = try popTupleItems()
            stack.append(try call(try popGlobal(), arguments))
        case .NEWOBJ:
            let arguments = try popTupleItems()
            stack.append(instantiate(try popGlobal(), arguments))
        case .NEWOBJ_EX: try newObjectWithKeywords()
        case .OBJ: try objectFromMark()
        case .INST:
            let type = PickleGlobal(module: try readTextLine(), name: try readTextLine())
            stack.append(instantiate(type, try popMark()))
        case .BUILD: try build(state: try pop())
        case .PERSID: push(try hooks.persistentLoad(.string(try readTextLine())))
        case .BINPERSID: push(try hooks.persistentLoad(try freeze(pop())))
        default: return false
        }
        return true
    }
}

// MARK: - Containers and objects

extension PickleMachine {
    private mutating func append(_ items: [PickleNode]) throws(CheckpointError) {
        switch try peek() {
        case .list(let list): list.items.append(contentsOf: items)
        case .object(let object): object.listItems.items.append(contentsOf: items)
        default: throw fail("cannot append to \(try describeTop())")
        }
    }

    private mutating func setItems(_ items: [PickleNode]) throws(CheckpointError) {
        switch try peek() {
        case .dict(let dictionary): try setItems(items, into: dictionary)
        case .object(let object): try setItems(items, into: object.dictionaryItems)
        default: throw fail("cannot set items on \(try describeTop())")
        }
    }

    private func setItems(
        _ items: [PickleNode], into dictionary: NodeDictionary
    ) throws(CheckpointError) {
        guard items.count % 2 == 0 else { throw fail("odd number of dict items") }
        for index in stride(from: 0, to: items.count, by: 2) {
            dictionary.set(items[index], items[index + 1])
        }
    }

    private mutating func addToSet(_ items: [PickleNode]) throws(CheckpointError) {
        guard case .set(let set) = try peek() else {
            throw fail("cannot add items to \(try describeTop())")
        }
        set.items.append(contentsOf: items)
    }

    /// REDUCE: plain-data helpers are applied, the hooks get the next say, and any other
    /// call is recorded as an object of the called class.
    private mutating func call(
        _ callable: PickleGlobal, _ arguments: [PickleNode]
    ) throws(CheckpointError) -> PickleNode {
        switch (callable.module, callable.name) {
        case ("copyreg", "_reconstructor"), ("copy_reg", "_reconstructor"):
            guard case .value(.global(let type))? = arguments.first else { break }
            return instantiate(type, [])
        case ("copyreg", "__newobj__"), ("copy_reg", "__newobj__"):
            guard case .value(.global(let type))? = arguments.first else { break }
            return instantiate(type, Array(arguments.dropFirst()))
        case ("_codecs", "encode"):
            let values = try arguments.map { node throws(CheckpointError) in try freeze(node) }
            if let bytes = PickleText.encode(values) { return .value(.bytes(bytes)) }
        default:
            break
        }
        let values = try freeze(.tuple(arguments)).elements ?? []
        if let result = try hooks.reduce(callable, values) { return .value(result) }
        return instantiate(callable, arguments)
    }

    /// Creates containers for Python's container classes and an object for anything else.
    private func instantiate(_ type: PickleGlobal, _ arguments: [PickleNode]) -> PickleNode {
        let initial = arguments.first.map(PickleMachine.items(of:)) ?? []
        if type.module == "collections" && type.name == "OrderedDict" || type.isBuiltin("dict") {
            let dictionary = NodeDictionary()
            for pair in initial {
                if case .tuple(let parts) = pair, parts.count == 2 {
                    dictionary.set(parts[0], parts[1])
                }
            }
            return .dict(dictionary)
        }
        if type.isBuiltin("set") || type.isBuiltin("frozenset") { return .set(NodeList(initial)) }
        if type.isBuiltin("list") { return .list(NodeList(initial)) }
        if type.isBuiltin("tuple") { return .tuple(initial) }
        return .object(NodeObject(type: type, arguments: arguments))
    }

    private static func items(of node: PickleNode) -> [PickleNode] {
        switch node {
        case .tuple(let items): items
        case .list(let list), .set(let list): list.items
        default: []
        }
    }

    private mutating func newObjectWithKeywords() throws(CheckpointError) {
        let keywords = try pop()
        var arguments = try popTupleItems()
        // Keyword arguments travel as one trailing dict argument; no torch or YOLOv5 class
        // pickled with protocol 2 uses them.
        if case .dict(let dictionary) = keywords, !dictionary.keys.isEmpty {
            arguments.append(keywords)
        }
        stack.append(instantiate(try popGlobal(), arguments))
    }

    private mutating func objectFromMark() throws(CheckpointError) {
        let items = try popMark()
        guard case .value(.global(let type))? = items.first else {
            throw fail("OBJ needs a class after the mark")
        }
        stack.append(instantiate(type, Array(items.dropFirst())))
    }

    /// BUILD: an object keeps its state; a dict merges a dict state; empty states are no-ops.
    private mutating func build(state: PickleNode) throws(CheckpointError) {
        let target = try peek()
        switch (target, state) {
        case (.object(let object), _):
            object.state = state
        case (.dict(let dictionary), .dict(let update)):
            for (key, value) in zip(update.keys, update.values) { dictionary.set(key, value) }
        default:
            let frozen = try freeze(state)
            let isEmpty = frozen == .none || frozen.dictionary?.count == 0
                || frozen.elements?.isEmpty == true
            guard isEmpty else { throw fail("cannot apply state to \(try describeTop())") }
        }
    }
}

// MARK: - Stack, memo and reading

extension PickleMachine {
    private mutating func push(_ value: PickleValue) { stack.append(.value(value)) }

    private mutating func pop() throws(CheckpointError) -> PickleNode {
        guard stack.count > (marks.last ?? 0), let node = stack.popLast() else {
            throw fail("stack underflow")
        }
        return node
    }

    private mutating func pop(_ count: Int) throws(CheckpointError) -> [PickleNode] {
        guard stack.count - count >= (marks.last ?? 0) else { throw fail("stack underflow") }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    private mutating func popMark() throws(CheckpointError) -> [PickleNode] {
        guard let mark = marks.popLast(), mark <= stack.count else {
            throw fail("no MARK on the stack")
        }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    private func peek() throws(CheckpointError) -> PickleNode {
        guard stack.count > (marks.last ?? 0), let node = stack.last else {
            throw fail("stack underflow")
        }
        return node
    }

    private mutating func popTupleItems() throws(CheckpointError) -> [PickleNode] {
        guard case .tuple(let items) = try pop() else { throw fail("arguments are not a tuple") }
        return items
    }

    private mutating func popGlobal() throws(CheckpointError) -> PickleGlobal {
        let node = try pop()
        guard case .value(.global(let global)) = node else {
            throw fail("expected a class, found \(try freeze(node).kindName)")
        }
        return global
    }

    private mutating func fetch(_ key: Int) throws(CheckpointError) {
        guard let node = memo[key] else { throw fail("memo has no entry \(key)") }
        stack.append(node)
    }

    private func describeTop() throws(CheckpointError) -> String {
        try freeze(peek()).kindName
    }

    private func freeze(_ node: PickleNode) throws(CheckpointError) -> PickleValue {
        var freezer = NodeFreezer()
        do {
            return try freezer.freeze(node)
        } catch {
            switch error {
            case .cycle(let kind):
                throw fail("a \(kind) contains itself; cyclic values are not supported")
            case .tooDeep:
                throw fail("values nested deeper than \(NodeFreezer.maximumDepth) levels")
            }
        }
    }

    private mutating func readUnsigned(_ count: Int) throws(CheckpointError) -> UInt64 {
        guard let value = cursor.readUnsigned(count) else { throw fail("truncated pickle") }
        return value
    }

    private mutating func readCounted(_ lengthSize: Int) throws(CheckpointError)
        -> ArraySlice<UInt8>
    {
        let length = try readUnsigned(lengthSize)
        guard length <= UInt64(cursor.remaining), let bytes = cursor.readBytes(Int(length)) else {
            throw fail("truncated pickle: \(length)-byte value runs past the end")
        }
        return bytes
    }

    /// Reads a little-endian two's-complement integer of `byteCount` bytes (LONG1, LONG4).
    private mutating func readLittleEndianSigned(
        byteCount: Int
    ) throws(CheckpointError) -> Int {
        guard byteCount <= 8 else {
            // Python ints wider than 64 bits never occur in model checkpoints; a BigInt
            // case in PickleValue would be needed to carry them.
            throw fail("integer of \(byteCount) bytes is wider than 64 bits")
        }
        guard byteCount > 0 else { return 0 }
        let raw = try readUnsigned(byteCount)
        let unusedBits = UInt64(64 - 8 * byteCount)
        return Int(Int64(bitPattern: raw << unusedBits) >> Int64(unusedBits))
    }

    private mutating func readLine() throws(CheckpointError) -> ArraySlice<UInt8> {
        guard let line = cursor.readLine() else { throw fail("truncated pickle: no newline") }
        return line
    }

    private mutating func readTextLine() throws(CheckpointError) -> String {
        String(decoding: try readLine(), as: UTF8.self)
    }

    /// INT and LONG lines; protocol 0 spells False and True as `00` and `01`.
    private func parseTextInteger(
        _ text: String, dropping suffix: Character? = nil
    ) throws(CheckpointError) -> PickleValue {
        if suffix == nil && text == "00" { return .bool(false) }
        if suffix == nil && text == "01" { return .bool(true) }
        let digits = suffix.map { text.last == $0 ? String(text.dropLast()) : text } ?? text
        guard let value = Int(digits) else { throw fail("malformed or too large integer") }
        return .int(value)
    }

    private func parseMemoKey(_ text: String) throws(CheckpointError) -> Int {
        guard let key = Int(text) else { throw fail("malformed memo key") }
        return key
    }

    private func fail(_ problem: String) -> CheckpointError {
        CheckpointError(path: path,
            problem: "\(member) at byte \(opcodeOffset) (\(opcodeName)): \(problem)")
    }
}
