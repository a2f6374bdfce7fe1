import Foundation
import Testing

@testable import Torch
@testable import YOLOTraining

/// Checks of the optimizer split against `arch.json`'s `optimizer_groups` (YOLOv5 v7.0's
/// `smart_optimizer` on yolov5n: 60 biases, 60 conv weights, 57 BatchNorm weights).
@Suite("SGD parameter groups")
struct ParameterGroupsTests {
    @Test func yolov5nNamesSplitAsSmartOptimizer() throws {
        let architecture = try #require(try fixtureJSON("arch.json")["yolov5n"] as? [String: Any])
        let listed = try #require(architecture["parameters_list"] as? [[Any]])
        let groups = try #require(architecture["optimizer_groups"] as? [[String: Any]])
        let scalar = try Tensor.zeros([1])
        // In yolov5n every BatchNorm module is named `bn` inside a Conv block; the model
        // itself supplies the flag from its module kinds.
        let parameters = try listed.map { row in
            let name = try #require(row.first as? String)
            return NamedParameter(
                name: name, tensor: scalar, belongsToNormalization: name.contains(".bn."))
        }
        let split = ParameterGroups.split(namedParameters: parameters)
        for (members, expected) in zip(split.ordered, groups) {
            let names = try #require(expected["names"] as? [String])
            #expect(members.map(\.name) == names)
        }
        #expect(split.ordered.map(\.count) == [60, 60, 57])
    }

    /// A module tree: a conv with bias, a BatchNorm, and a nested conv without bias.
    @Test func moduleTreeSplitsByModuleKind() throws {
        let root = Module()
        try root.registerModule("conv", try Conv2d(inChannels: 1, outChannels: 2, kernel: 1))
        try root.registerModule("bn", try BatchNorm2d(channels: 2))
        let block = try root.registerModule("block", Module())
        try block.registerModule(
            "conv", try Conv2d(inChannels: 2, outChannels: 2, kernel: 1, bias: false))
        try root.registerParameter("weight", try Tensor.ones([1]))
        let split = ParameterGroups.split(module: root)
        #expect(split.biases.map(\.name) == ["conv.bias", "bn.bias"])
        #expect(split.decayedWeights.map(\.name) == ["weight", "conv.weight", "block.conv.weight"])
        #expect(split.normalizationWeights.map(\.name) == ["bn.weight"])

        let schedule = TrainingSchedule(epochs: 10, batchesPerEpoch: 20, batchSize: 16)
        let optimizer = try split.makeOptimizer(schedule: schedule)
        #expect(optimizer.groups.map(\.weightDecay) == [0, 0.0005, 0])
        #expect(optimizer.groups.allSatisfy { $0.nesterov && $0.momentum == 0.937 })
        try optimizer.apply(schedule.settings(epoch: 0, batchIndex: 0))
        #expect(optimizer.groups.map(\.learningRate) == [0.1, 0, 0])
        #expect(optimizer.groups.map(\.momentum) == [0.8, 0.8, 0.8])
    }
}
