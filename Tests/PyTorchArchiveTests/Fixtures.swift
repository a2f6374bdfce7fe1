// Shared test helpers: fixture paths, a tiny zip writer.
import Foundation
@testable import PyTorchArchive

/// The reference fixtures described in shared/fixtures/reference/README.md.
enum Fixtures {
    /// `<repo root>/../shared/fixtures/reference`, found from this file's location.
    static let reference: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // PyTorchArchiveTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("../shared/fixtures/reference").standardizedFileURL

    static var seedCheckpoint: String { reference.appendingPathComponent("yolov5n-seed0.pt").path }
    static var bestCheckpoint: String {
        reference.appendingPathComponent("train-run/best.pt").path
    }
    static var seedStateDict: URL {
        reference.appendingPathComponent("yolov5n-seed0_state_dict.safetensors")
    }
    static var architecture: URL { reference.appendingPathComponent("arch.json") }

    /// A fresh file path in the temporary folder for corrupted copies.
    static func temporaryFile(_ name: String, contents: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("PyTorchArchiveTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(name)
        try Data(contents).write(to: file)
        return file.path
    }

    /// arch.json's `yolov5n.state_dict`: `[name, shape, dtype]` rows in state-dict order.
    static func architectureKeys() throws -> [(name: String, shape: [Int], dtype: String)] {
        let data = try Data(contentsOf: architecture)
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let model = root?["yolov5n"] as? [String: Any]
        let rows = model?["state_dict"] as? [[Any]] ?? []
        return rows.compactMap { row in
            guard row.count == 3, let name = row[0] as? String, let shape = row[1] as? [Int],
                let dtype = row[2] as? String
            else { return nil }
            return (name, shape, dtype)
        }
    }
}

/// Writes a plain zip (no ZIP64) so tests can build small, deliberately odd archives.
func makeZip(_ members: [(name: String, bytes: [UInt8])], method: UInt16 = 0) -> [UInt8] {
    var output: [UInt8] = []
    var directory: [UInt8] = []
    func append(_ value: Int, _ size: Int, to buffer: inout [UInt8]) {
        for index in 0..<size { buffer.append(UInt8(truncatingIfNeeded: value >> (8 * index))) }
    }
    for member in members {
        let offset = output.count
        let crc = Int(ZipChecksum.crc32(member.bytes[...]))
        let name = Array(member.name.utf8)
        append(0x0403_4b50, 4, to: &output)
        for (value, size) in [(20, 2), (0, 2), (Int(method), 2), (0, 4), (crc, 4),
                              (member.bytes.count, 4), (member.bytes.count, 4),
                              (name.count, 2), (0, 2)] {
            append(value, size, to: &output)
        }
        output += name + member.bytes
        append(0x0201_4b50, 4, to: &directory)
        for (value, size) in [(20, 2), (20, 2), (0, 2), (Int(method), 2), (0, 4), (crc, 4),
                              (member.bytes.count, 4), (member.bytes.count, 4),
                              (name.count, 2), (0, 2), (0, 2), (0, 2), (0, 2), (0, 4),
                              (offset, 4)] {
            append(value, size, to: &directory)
        }
        directory += name
    }
    let directoryOffset = output.count
    output += directory
    append(0x0605_4b50, 4, to: &output)
    for (value, size) in [(0, 2), (0, 2), (members.count, 2), (members.count, 2),
                          (directory.count, 4), (directoryOffset, 4), (0, 2)] {
        append(value, size, to: &output)
    }
    return output
}

/// Bytes from a hex string (pickles below were produced with Python's pickle.dumps).
func hexBytes(_ hex: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
        index = next
    }
    return bytes
}
