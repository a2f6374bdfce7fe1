import Foundation
import MaskFaceCore
import Testing

@Suite struct SafeTensorsFileTests {
    /// Raw buffers, their types, shapes and the metadata survive a write and a read; an F32
    /// entry reads back as floats, and asking for a missing one names the file.
    @Test func roundTripKeepsBuffersAndReadsFloats() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("core-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("raw.safetensors")
        let floats: [Float] = [1.5, -2.25]
        let floatBytes = floats.withUnsafeBytes { Data($0) }
        let file = SafeTensorsFile(
            entries: [
                .init(name: "w", elementType: .float32, shape: [2], bytes: floatBytes),
                .init(name: "b", elementType: .uint8, shape: [1, 3], bytes: Data([7, 8, 9])),
            ],
            metadata: ["format": "pt"])
        try file.write(to: url)
        let loaded = try SafeTensorsFile.read(url)
        #expect(loaded.entries.map(\.name) == ["w", "b"])
        #expect(loaded.metadata == ["format": "pt"])
        #expect(loaded["b"]?.elementType == .uint8 && loaded["b"]?.shape == [1, 3])
        #expect(loaded["b"].map { [UInt8]($0.bytes) } == [7, 8, 9])
        #expect(try loaded.floats("w").values == floats)
        let error = try #require(throws: SafeTensorsError.self) { try loaded.floats("b") }
        #expect(error.path == url.path && error.problem.contains("not F32"))
    }
}
