// Table-driven checks of the pickle interpreter on pickles made with Python's pickle.dumps
// (the protocol is in each case's name), plus refusals.
import Testing
@testable import PyTorchArchive

@Suite struct PickleMachineTests {
    private let inertHooks = PickleHooks(
        persistentLoad: { id throws(CheckpointError) in .tuple([.string("pid"), id]) },
        reduce: { _, _ throws(CheckpointError) in nil })

    private func run(_ hex: String) throws(CheckpointError) -> PickleValue {
        try PickleMachine.run(path: "test.pkl", member: "data.pkl", bytes: hexBytes(hex),
                              hooks: inertHooks)
    }

    @Test func protocol4DictionaryWithMixedValues() throws {
        // {'a': [1, 2.5, None, True], 'b': (b'xy', 'é'), 3: {1, 2}}
        let value = try run("80049534000000000000007d94288c0161945d94284b014740040000000000004e"
            + "88658c01629443027879948c02c3a99486944b038f94284b014b0290752e")
        let dictionary = try #require(value.dictionary)
        #expect(dictionary.keys == [.string("a"), .string("b"), .int(3)])
        #expect(dictionary["a"] == .list([.int(1), .float(2.5), .none, .bool(true)]))
        #expect(dictionary["b"] == .tuple([.bytes([0x78, 0x79]), .string("é")]))
        #expect(dictionary[.int(3)] == .set([.int(1), .int(2)]))
    }

    @Test func protocol0TextOpcodes() throws {
        // [1, 'x', 2.5, (None, False), 2**40]
        let value = try run("286c70300a49310a6156780a70310a6146322e350a61284e4930300a7470320a61"
            + "4c313039393531313632373737364c0a612e")
        #expect(value == .list([.int(1), .string("x"), .float(2.5),
                                .tuple([.none, .bool(false)]), .int(1 << 40)]))
    }

    @Test func protocol2LongIntegers() throws {
        // [2**40, -(2**40), -300, 65535, 70000]
        let value = try run("80025d7100288a060000000000018a060000000000ff4ad4feffff4dffff4a701101"
            + "00652e")
        #expect(value == .list([.int(1 << 40), .int(-(1 << 40)), .int(-300), .int(65535),
                                .int(70000)]))
    }

    @Test func protocol2BytesThroughCodecs() throws {
        // b'\x00\xffab' (protocol 2 spells Python 3 bytes as _codecs.encode(text, 'latin1'))
        let value = try run("8002635f636f646563730a656e636f64650a7100580500000000c3bf616271015806"
            + "0000006c6174696e3171028671035271042e")
        #expect(value == .bytes([0x00, 0xFF, 0x61, 0x62]))
    }

    /// An instance of `models.common.Conv` with attributes width=16 and an OrderedDict.
    @Test(arguments: [
        "8002636d6f64656c732e636f6d6d6f6e0a436f6e760a7100298171017d710228580500000077696474"
            + "6871034b1058050000006e616d6573710463636f6c6c656374696f6e730a4f726465726564446963"
            + "740a71052952710658010000006171074b017375622e",
        "8004955c000000000000008c0d6d6f64656c732e636f6d6d6f6e948c04436f6e769493942981947d9428"
            + "8c057769647468944b108c056e616d6573948c0b636f6c6c656374696f6e73948c0b4f72646572656"
            + "4446963749493942952948c0161944b017375622e",
    ])
    func objectsStayInert(hex: String) throws {
        let object = try #require(try run(hex).object)
        #expect("\(object.type)" == "models.common.Conv")
        #expect(object.arguments.isEmpty)
        #expect(object.attribute("width") == .int(16))
        #expect(object.attribute("names")?.dictionary?["a"] == .int(1))
    }

    @Test func cyclicListIsRefused() {
        // l = []; l.append(l)
        #expect(throws: CheckpointError.self) { try run("80025d71006800612e") }
    }

    @Test(arguments: [
        ("800282012e", "unsupported opcode EXT1"),
        ("80024b", "truncated pickle"),
        ("80024e4e", "ended without STOP"),
        ("8002682a2e", "memo has no entry 42"),
        ("8002742e", "no MARK"),
        ("80028a0901000000000000000001", "wider than 64 bits"),
        ("8002580000ffff", "runs past the end"),
    ])
    func malformedPicklesAreRefused(hex: String, expected: String) {
        do {
            _ = try run(hex)
            Issue.record("\(hex) was accepted")
        } catch {
            #expect(error.problem.contains(expected), "\(error)")
            #expect(error.path == "test.pkl")
        }
    }

    @Test func persistentIdsGoThroughTheHook() throws {
        // PROTO 2, MARK, 'a', 'b', TUPLE, BINPERSID, STOP
        let value = try run("800228580100000061580100000062745" + "12e")
        #expect(value == .tuple([.string("pid"), .tuple([.string("a"), .string("b")])]))
    }
}
