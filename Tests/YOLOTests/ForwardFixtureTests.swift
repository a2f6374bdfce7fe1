import Foundation
import Testing
import Torch
@testable import YOLO

/// Our forward pass against YOLOv5's on the same weights and input (README section 2).
@Suite(.serialized) struct ForwardFixtureTests {
    @Test func evalOutputsMatchTheReference() throws {
        let fixture = try ReferenceFixtures.forwardTensors()
        let model = try ReferenceFixtures.seedModel()
        let output = try model.predict(try #require(fixture["input"]))
        for level in 0..<3 {
            let expected = try #require(fixture["raw_eval_\(level)"])
            #expect(output.raw[level].shape == expected.shape)
            #expect(try maxAbsoluteDifference(output.raw[level], expected) <= 1e-4)
        }
        try expectDecodedClose(try #require(output.decoded), try #require(fixture["decoded"]))
    }

    @Test func trainOutputsMatchTheReference() throws {
        let fixture = try ReferenceFixtures.forwardTensors()
        let model = try ReferenceFixtures.seedModel()
        model.train()
        let output = try Torch.withNoGrad { try model.forward(try #require(fixture["input"])) }
        #expect(output.decoded == nil)
        for level in 0..<3 {
            let expected = try #require(fixture["raw_train_\(level)"])
            #expect(output.raw[level].shape == expected.shape)
            #expect(try maxAbsoluteDifference(output.raw[level], expected) <= 1e-4)
        }
    }

    @Test func fusedModelAgreesWithTheReference() throws {
        let fixture = try ReferenceFixtures.forwardTensors()
        let unfused = try ReferenceFixtures.seedModel()
        let fused = try unfused.fused()
        #expect(fused.isFused)
        let input = try #require(fixture["input"])
        let fusedOutput = try fused.predict(input)
        let plainOutput = try unfused.predict(input)
        for level in 0..<3 {
            #expect(try maxAbsoluteDifference(fusedOutput.raw[level], plainOutput.raw[level])
                    <= 1e-4)
        }
        try expectDecodedClose(try #require(fusedOutput.decoded),
                               try #require(fixture["decoded"]))
    }
}
