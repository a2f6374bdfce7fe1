import Foundation
import Testing

@testable import Torch

/// Golden checks against the shared fixtures made with ultralytics YOLOv5 v7.0 and torch
/// 1.13.1 (see `fixtures/reference/README.md`). Numbers below come from that README and
/// from `arch.json`.
@Suite("Reference fixtures from YOLOv5")
struct ReferenceFixtureTests {
    let folder = referenceFixtureFolder()

    /// `arch.json`'s yolov5n state-dict listing: [name, shape, dtype] in model order.
    private func architectureKeys() throws -> [(name: String, shape: [Int])] {
        let data = try Data(contentsOf: folder.appendingPathComponent("arch.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let model = try #require(root["yolov5n"] as? [String: Any])
        let rows = try #require(model["state_dict"] as? [[Any]])
        return try rows.map { row in
            (try #require(row[0] as? String), try #require(row[1] as? [Int]))
        }
    }

    @Test func stateDictHasTheArchitecturesKeysShapesAndDTypes() throws {
        let url = folder.appendingPathComponent("yolov5n-seed0_state_dict.safetensors")
        let contents = try SafeTensors.read(url)
        let expected = try architectureKeys()
        #expect(contents.tensors.count == 349)
        #expect(expected.count == 349)
        #expect(Set(contents.tensors.names) == Set(expected.map(\.name)))
        for (name, shape) in expected {
            let tensor = try #require(contents.tensors[name], "\(name)")
            #expect(tensor.shape == shape, "\(name)")
            let isCounter = name.hasSuffix("num_batches_tracked")
            #expect(tensor.dtype == (isCounter ? .int64 : .float16), "\(name)")
        }
        let firstConv = try #require(contents.tensors["model.0.conv.weight"])
        #expect(firstConv.shape == [16, 3, 6, 6])
        // The stored counter is 21 (read with Python's struct module), though the README's
        // section 2 speaks of 20 warm-up forwards; one more train-mode pass was counted.
        #expect(try contents.tensors["model.0.bn.num_batches_tracked"]?.itemInt() == 21)
        #expect(contents.metadata["model"] == "yolov5n")
        // Running variances are positive; values are finite after conversion to float32.
        let variance = try #require(contents.tensors["model.0.bn.running_var"])
        #expect(try variance.to(dtype: .float32).min().item() > 0)
        #expect(try firstConv.to(dtype: .float32).isFinite().all().itemInt() == 1)
    }

    @Test func forwardInputEqualsUInt8InputOver255Exactly() throws {
        let url = folder.appendingPathComponent("yolov5n-seed0_forward.safetensors")
        let tensors = try SafeTensors.read(url).tensors
        let input = try #require(tensors["input"])
        let quantised = try #require(tensors["input_u8"])
        #expect(input.shape == [2, 3, 320, 320])
        #expect(input.dtype == .float32)
        #expect(quantised.dtype == .uint8)
        #expect(try (quantised / 255).eq(input).all().itemInt() == 1)
        #expect(tensors["decoded"]?.shape == [2, 6300, 7])
        #expect(tensors["raw_eval_0"]?.shape == [2, 3, 40, 40, 7])
    }

    /// A module tree built from the key list (parameters vs buffers as `arch.json` says)
    /// loads the fixture strictly, converting float16 to float32, and returns its keys in
    /// YOLOv5's order.
    @Test func fixtureLoadsIntoAModuleTreeInModelOrder() throws {
        let data = try Data(contentsOf: folder.appendingPathComponent("arch.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let model = try #require(root["yolov5n"] as? [String: Any])
        let parameterRows = try #require(model["parameters_list"] as? [[Any]])
        let parameterNames = Set(parameterRows.compactMap { $0.first as? String })
        let tree = Module()
        for (name, shape) in try architectureKeys() {
            var parts = name.split(separator: ".").map(String.init)
            let leaf = parts.removeLast()
            var module = tree
            for part in parts {
                if let child = module.children.first(where: { $0.name == part })?.module {
                    module = child
                } else {
                    module = try module.registerModule(part, Module())
                }
            }
            let isCounter = leaf == "num_batches_tracked"
            let tensor = try Tensor.zeros(shape, dtype: isCounter ? .int64 : .float32)
            if parameterNames.contains(name) {
                try module.registerParameter(leaf, tensor)
            } else {
                try module.registerBuffer(leaf, tensor)
            }
        }
        let url = folder.appendingPathComponent("yolov5n-seed0_state_dict.safetensors")
        let fixture = try SafeTensors.read(url).tensors
        try tree.loadStateDict(fixture)
        #expect(tree.stateDict().names == (try architectureKeys().map(\.name)))
        #expect(tree.namedParameters().count == parameterRows.count)
        let weight = try #require(tree.stateDict()["model.0.conv.weight"])
        let original = try #require(fixture["model.0.conv.weight"])
        #expect(weight.dtype == .float32)
        #expect(try weight.eq(original.to(dtype: .float32)).all().itemInt() == 1)
    }
}
