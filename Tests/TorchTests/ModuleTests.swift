import Testing

@testable import Torch

/// YOLOv5's Conv block: convolution without bias, BatchNorm, SiLU.
private final class ConvBlock: Module {
    let conv: Conv2d
    let norm: BatchNorm2d

    init(inChannels: Int, outChannels: Int) throws {
        conv = try Conv2d(inChannels: inChannels, outChannels: outChannels, kernel: 1,
                          bias: false)
        norm = try BatchNorm2d(channels: outChannels, eps: 1e-3, momentum: 0.03)
        super.init()
        try registerModule("conv", conv)
        try registerModule("bn", norm)
    }

    func forward(_ input: Tensor) throws -> Tensor {
        try norm.forward(conv.forward(input)).silu()
    }
}

/// A container with numbered children under "model", like YOLOv5's DetectionModel.
private final class TinyModel: Module {
    let layers: [ConvBlock]

    init(inputChannels: Int = 3) throws {
        layers = [try ConvBlock(inChannels: inputChannels, outChannels: 4),
                  try ConvBlock(inChannels: 4, outChannels: 2)]
        super.init()
        let sequence = Module()
        for (index, layer) in layers.enumerated() {
            try sequence.registerModule("\(index)", layer)
        }
        try registerModule("model", sequence)
        try registerBuffer("anchors", Tensor.ones([3, 2]))
    }
}

@Suite("Modules: names, modes and state dicts")
struct ModuleTests {
    @Test func namesAreDottedAndInRegistrationOrder() throws {
        let model = try TinyModel()
        #expect(model.namedParameters().map(\.name) == [
            "model.0.conv.weight", "model.0.bn.weight", "model.0.bn.bias",
            "model.1.conv.weight", "model.1.bn.weight", "model.1.bn.bias",
        ])
        #expect(model.namedBuffers().map(\.name) == [
            "anchors",
            "model.0.bn.running_mean", "model.0.bn.running_var", "model.0.bn.num_batches_tracked",
            "model.1.bn.running_mean", "model.1.bn.running_var", "model.1.bn.num_batches_tracked",
        ])
        #expect(model.stateDict().names == [
            "anchors",
            "model.0.conv.weight", "model.0.bn.weight", "model.0.bn.bias",
            "model.0.bn.running_mean", "model.0.bn.running_var", "model.0.bn.num_batches_tracked",
            "model.1.conv.weight", "model.1.bn.weight", "model.1.bn.bias",
            "model.1.bn.running_mean", "model.1.bn.running_var", "model.1.bn.num_batches_tracked",
        ])
        #expect(model.parameters().allSatisfy { $0.requiresGrad })
        #expect(model.namedModules().map(\.name).prefix(3) == ["", "model", "model.0"])
    }

    @Test func registrationRejectsBadAndDuplicateNames() throws {
        let module = Module()
        try module.registerParameter("weight", Tensor.zeros([1]))
        #expect(throws: ModuleError.duplicateName("weight", in: "Module")) {
            try module.registerBuffer("weight", Tensor.zeros([1]))
        }
        #expect(throws: ModuleError.self) { try module.registerModule("a.b", Module()) }
        #expect(throws: ModuleError.self) { try module.registerParameter("", Tensor.zeros([1])) }
    }

    @Test func trainAndEvalPropagate() throws {
        let model = try TinyModel()
        #expect(model.layers[1].norm.isTraining)
        model.eval()
        #expect(model.namedModules().allSatisfy { !$0.module.isTraining })
        model.train()
        #expect(model.namedModules().allSatisfy { $0.module.isTraining })
    }

    @Test func batchNormTracksRunningStatisticsOnlyInTraining() throws {
        let norm = try BatchNorm2d(channels: 2, momentum: 0.5)
        let input = try patternTensor([3, 2, 2, 2], dtype: .float32) * 4 + 1
        _ = try norm.forward(input)
        #expect(try norm.batchesTracked.itemInt() == 1)
        let batchMean = try input.mean(dims: [0, 2, 3]).doubles()
        let expected = batchMean.map { 0.5 * $0 }
        #expect(maxAbsDifference(try norm.runningMean.doubles(), expected) < 1e-6)
        norm.eval()
        let before = try norm.runningMean.floats()
        _ = try norm.forward(input)
        #expect(try norm.runningMean.floats() == before)
        #expect(try norm.batchesTracked.itemInt() == 1)
    }

    @Test func loadStateDictCopiesInPlaceAndConvertsDType() throws {
        let source = try TinyModel()
        try Torch.withNoGrad {
            for (index, parameter) in source.parameters().enumerated() {
                try parameter.fill_(Double(index) + 0.5)
            }
        }
        let halfPrecision = NamedTensors(
            try source.stateDict().map { ($0.name, try $0.tensor.to(dtype: .float16)) })
        let target = try TinyModel()
        let weight = target.layers[0].conv.weight
        try target.loadStateDict(halfPrecision)
        #expect(weight.dtype == .float32)
        #expect(try weight.floats().allSatisfy { $0 == 0.5 })
        #expect(target.layers[0].conv.weight === weight)
        #expect(weight.requiresGrad)
    }

    @Test func loadStateDictReportsEveryProblem() throws {
        let model = try TinyModel()
        var state = model.stateDict()
        state["model.0.bn.bias"] = nil
        state["model.9.conv.weight"] = try Tensor.zeros([1])
        state["model.1.conv.weight"] = try Tensor.zeros([2, 4, 3, 3])
        let error = try #require(throws: StateDictError.self) {
            try model.loadStateDict(state)
        }
        #expect(error.missingKeys == ["model.0.bn.bias"])
        #expect(error.unexpectedKeys == ["model.9.conv.weight"])
        #expect(error.shapeMismatches == [
            .init(key: "model.1.conv.weight", expected: [2, 4, 1, 1], actual: [2, 4, 3, 3])
        ])
        #expect(error.description.contains("missing keys: model.0.bn.bias"))
        #expect(error.description.contains("model has [2, 4, 1, 1], state dict has [2, 4, 3, 3]"))
        // Not strict: missing and unexpected keys are skipped, shape mismatches still fail.
        state["model.1.conv.weight"] = nil
        try model.loadStateDict(state, strict: false)
    }

    @Test func forwardAndBackwardThroughModules() throws {
        let model = try TinyModel()
        try Torch.withNoGrad {
            for parameter in model.parameters() {
                try parameter.copy_(patternTensor(parameter.shape))
            }
        }
        var output = try patternTensor([2, 3, 4, 4], dtype: .float32)
        for layer in model.layers {
            output = try layer.forward(output)
        }
        #expect(output.shape == [2, 2, 4, 4])
        try output.sum().backward()
        #expect(try model.parameters().allSatisfy { try $0.grad() != nil })
        try model.zeroGrad()
        #expect(try #require(try model.layers[0].conv.weight.grad()).abs().sum().item() == 0)
    }
}
