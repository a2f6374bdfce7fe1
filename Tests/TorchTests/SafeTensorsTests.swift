import Foundation
import MaskFaceCore
import Testing

@testable import Torch

@Suite("safetensors reading and writing")
struct SafeTensorsTests {
    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("torch-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func roundTripKeepsNamesOrderDTypesAndValues() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("weights.safetensors")
        let tensors: NamedTensors = [
            "z.weight": try Tensor([1.5, -2.25, 3] as [Float], shape: [3, 1]),
            "a.half": try Tensor([0.5, 65504, -0.125, 1] as [Float], shape: [2, 2])
                .to(dtype: .float16),
            "count": try Tensor([20] as [Int64], shape: []),
            "mask": try Tensor([true, false]),
            "bytes": try Tensor([0, 255] as [UInt8]),
            "wide": try Tensor([1e-300] as [Double]),
            "empty": try Tensor.zeros([0, 4]),
        ]
        try SafeTensors.write(tensors, metadata: ["format": "pt", "note": "quote \" ok"], to: url)
        let contents = try SafeTensors.read(url)
        #expect(contents.tensors.names == tensors.names)
        #expect(contents.metadata == ["format": "pt", "note": "quote \" ok"])
        for (name, original) in tensors {
            let loaded = try #require(contents.tensors[name])
            #expect(loaded.dtype == original.dtype, "\(name)")
            #expect(loaded.shape == original.shape, "\(name)")
            #expect(try loaded.bytes() == original.bytes(), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["weights.safetensors"])
    }

    @Test(arguments: [
        ("truncated", [UInt8]([1, 0, 0])),
        ("truncated file: header length", [UInt8]([200, 0, 0, 0, 0, 0, 0, 0]) + Array("{}".utf8)),
        ("bad header", [UInt8]([2, 0, 0, 0, 0, 0, 0, 0]) + Array("[]".utf8)),
        ("bad header: not JSON", [UInt8]([3, 0, 0, 0, 0, 0, 0, 0]) + Array("{x}".utf8)),
        ("unsupported dtype BF16", headerOnly(entry(dtype: "BF16", shape: 1, end: 2))),
        ("offsets out of range", headerOnly(entry(dtype: "F32", shape: 1, end: 4))),
        ("needs 8", headerOnly(entry(dtype: "F32", shape: 2, end: 0))),
    ] as [(String, [UInt8])])
    func malformedFilesNameTheFileAndProblem(problem: String, bytes: [UInt8]) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("broken.safetensors")
        try Data(bytes).write(to: url)
        let error = try #require(throws: SafeTensorsError.self) { try SafeTensors.read(url) }
        #expect(error.path == url.path)
        #expect(error.problem.contains(problem), "\(error)")
        #expect(error.description.contains("broken.safetensors"))
    }

    @Test func missingFileIsAnError() {
        let url = URL(fileURLWithPath: "/nonexistent/folder/x.safetensors")
        #expect(throws: SafeTensorsError.self) { try SafeTensors.read(url) }
        #expect(throws: SafeTensorsError.self) {
            try SafeTensors.write(["a": try Tensor.zeros([1])], to: url)
        }
    }
}

/// A header with one tensor "t" of `shape` elements whose data ends at `end`.
private func entry(dtype: String, shape: Int, end: Int) -> String {
    #"{"t":{"dtype":"\#(dtype)","shape":[\#(shape)],"data_offsets":[0,\#(end)]}}"#
}

/// A file whose header is `json` and whose data section is empty.
private func headerOnly(_ json: String) -> [UInt8] {
    let header = Array(json.utf8)
    let length = UInt64(header.count)
    return (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) } + header
}
