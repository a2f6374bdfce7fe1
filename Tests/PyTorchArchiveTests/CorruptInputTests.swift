// Damaged and foreign files must fail with a CheckpointError naming the file, never crash.
import Foundation
import Testing
@testable import PyTorchArchive

@Suite struct CorruptInputTests {
    /// Loads `path` expecting a CheckpointError for that path, and returns its problem text.
    private func problem(loading path: String) -> String {
        do {
            _ = try YOLOv5Checkpoint.load(path: path)
            Issue.record("\(path) loaded although it should not")
            return ""
        } catch {
            #expect(error.path == path)
            #expect(error.description.hasPrefix(path + ": "))
            return error.problem
        }
    }

    private func original() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.seedCheckpoint)))
    }

    @Test(arguments: [0.5, 0.999, 0.01])
    func truncatedCopy(fraction: Double) throws {
        let bytes = try original()
        let path = try Fixtures.temporaryFile("truncated.pt",
            contents: Array(bytes.prefix(Int(Double(bytes.count) * fraction))))
        #expect(problem(loading: path).contains("truncated"))
    }

    @Test func damagedStorageFailsItsChecksum() throws {
        var bytes = try original()
        bytes[bytes.count / 2] ^= 0xFF
        let path = try Fixtures.temporaryFile("flipped.pt", contents: bytes)
        #expect(problem(loading: path).contains("CRC-32"))
    }

    @Test func randomBytes() throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 1...255, using: &generator) }
        let path = try Fixtures.temporaryFile("random.pt", contents: bytes)
        #expect(problem(loading: path).contains("not a zip archive"))
    }

    @Test func missingFile() {
        #expect(problem(loading: "/nonexistent/model.pt") == "no such file")
    }

    @Test func legacyPickleFormat() throws {
        // Before torch 1.6, torch.save wrote a bare pickle starting with PROTO 2 and a magic
        // number.
        let path = try Fixtures.temporaryFile("legacy.pt",
            contents: hexBytes("80028a0a6cfc9c46f9206a" + "a8500000"))
        #expect(problem(loading: path).contains("legacy torch.save format"))
    }

    @Test func zipWithoutDataPickle() throws {
        let zip = makeZip([("weights/version", Array("3\n".utf8)),
                           ("weights/data/0", [0, 0, 0, 0])])
        let path = try Fixtures.temporaryFile("nopickle.pt", contents: zip)
        #expect(problem(loading: path).contains("no <folder>/data.pkl"))
    }

    @Test func deflatedMember() throws {
        let zip = makeZip([("weights/data.pkl", hexBytes("80024e2e"))], method: 8)
        let path = try Fixtures.temporaryFile("deflated.pt", contents: zip)
        #expect(problem(loading: path).contains("compressed with deflate"))
    }

    @Test func torchScriptArchive() throws {
        let zip = makeZip([("model/data.pkl", hexBytes("80024e2e")),
                           ("model/constants.pkl", hexBytes("80022952712e")),
                           ("model/code/__torch__/model.py", Array("x".utf8))])
        let path = try Fixtures.temporaryFile("script.pt", contents: zip)
        #expect(problem(loading: path).contains("TorchScript"))
    }

    /// Top-level pickles that are valid but are not YOLOv5 checkpoints (made with
    /// Python's pickle.dumps, protocol 2).
    @Test(arguments: [
        ("80027d7100285805000000737461746571017d7102580c000000706172616d5f67726f75707371035d"
            + "71047d71052858020000006c727106473f847ae147ae147b5806000000706172616d7371075d"
            + "71084b00617561752e", "optimizer state dict"),
        ("80027d710028580500000065706f636871014b0358050000006d6f64656c7102636d6f64656c732e63"
            + "6f6d6d6f6e0a436f6e760a7103298171045803000000656d6171054e752e",
         "not a YOLOv5 DetectionModel"),
        ("80027d710028580500000065706f636871014b035803000000656d6171024e58050000006d6f6465"
            + "6c71034e752e", "holds no weights"),
        ("80024b032e", "holds a int"),
        ("8002ff", "unknown opcode 0xFF"),
        ("80027d7100", "truncated pickle"),
    ])
    func foreignPickles(hex: String, expected: String) throws {
        let zip = makeZip([("other/data.pkl", hexBytes(hex)),
                           ("other/version", Array("3\n".utf8))])
        let path = try Fixtures.temporaryFile("other.pt", contents: zip)
        let text = problem(loading: path)
        #expect(text.contains(expected), "\(text)")
    }
}
