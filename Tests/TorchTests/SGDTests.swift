import Testing

@testable import Torch

@Suite("SGD matches torch.optim.SGD")
struct SGDTests {
    /// Gradient of sum(p * c) is c, so every step sees the same gradient.
    private func backward(_ parameter: Tensor, coefficients: [Double]) throws {
        try (parameter * Tensor(coefficients)).sum().backward()
    }

    /// Two steps by hand (lr 0.1, momentum 0.9, Nesterov, weight decay 0.01, g = [0.5, 1]):
    /// step 1: d = g + 0.01 p = [0.51, 0.98]; buf = d; d += 0.9 buf = [0.969, 1.862];
    ///         p = [1, -2] - 0.1 d = [0.9031, -2.1862]
    /// step 2: d = [0.509031, 0.978138]; buf = 0.9 [0.51, 0.98] + d = [0.968031, 1.860138];
    ///         d += 0.9 buf = [1.3802589, 2.6522622]; p = [0.76507411, -2.45142622]
    @Test func nesterovWithWeightDecayByHand() throws {
        let parameter = try Tensor([1, -2] as [Double]).requiresGrad(true)
        let optimizer = try SGD(parameters: [parameter], learningRate: 0.1, momentum: 0.9,
                                weightDecay: 0.01, nesterov: true)
        let expected: [[Double]] = [[0.9031, -2.1862], [0.76507411, -2.45142622]]
        for values in expected {
            try optimizer.zeroGrad()
            try backward(parameter, coefficients: [0.5, 1])
            try optimizer.step()
            #expect(maxAbsDifference(try parameter.doubles(), values) < 1e-12)
        }
        let state = try optimizer.stateDict()
        #expect(state.names == ["0.momentum_buffer"])
        #expect(maxAbsDifference(try #require(state["0.momentum_buffer"]).doubles(),
                                 [0.968031, 1.860138]) < 1e-12)
    }

    /// The update rule written out in Swift, for configurations without a hand table.
    private func reference(start: [Double], gradient: [Double], steps: Int, lr: Double,
                           momentum: Double, dampening: Double, weightDecay: Double,
                           nesterov: Bool) -> [Double] {
        var parameter = start
        var buffer: [Double]? = nil
        for _ in 0..<steps {
            var direction = zip(gradient, parameter).map { $0 + weightDecay * $1 }
            if momentum != 0 {
                let next = buffer.map { old in
                    zip(old, direction).map { momentum * $0 + (1 - dampening) * $1 }
                } ?? direction
                buffer = next
                direction = nesterov ? zip(direction, next).map { $0 + momentum * $1 } : next
            }
            parameter = zip(parameter, direction).map { $0 - lr * $1 }
        }
        return parameter
    }

    @Test(arguments: [
        (0.0, 0.0, 0.0, false),
        (0.9, 0.0, 0.0, false),
        (0.9, 0.5, 0.0, false),
        (0.937, 0.0, 5e-4, true),
        (0.8, 0.0, 0.1, false),
    ] as [(Double, Double, Double, Bool)])
    func configurationsMatchTheUpdateRule(momentum: Double, dampening: Double,
                                          weightDecay: Double, nesterov: Bool) throws {
        let start = [0.3, -1.2, 2.0]
        let gradient = [0.25, -0.5, 1.5]
        let parameter = try Tensor(start).requiresGrad(true)
        let optimizer = try SGD(parameters: [parameter], learningRate: 0.05, momentum: momentum,
                                dampening: dampening, weightDecay: weightDecay,
                                nesterov: nesterov)
        for _ in 0..<3 {
            try optimizer.zeroGrad()
            try backward(parameter, coefficients: gradient)
            try optimizer.step()
        }
        let expected = reference(start: start, gradient: gradient, steps: 3, lr: 0.05,
                                 momentum: momentum, dampening: dampening,
                                 weightDecay: weightDecay, nesterov: nesterov)
        #expect(maxAbsDifference(try parameter.doubles(), expected) < 1e-12)
    }

    @Test func parameterGroupsHaveTheirOwnSettableHyperparameters() throws {
        let bias = try Tensor([1, 1] as [Double]).requiresGrad(true)
        let weight = try Tensor([1, 1] as [Double]).requiresGrad(true)
        let untouched = try Tensor([1] as [Double]).requiresGrad(true)
        let optimizer = try SGD(groups: [
            .init(parameters: [bias], learningRate: 0.1),
            .init(parameters: [weight, untouched], learningRate: 0.01, weightDecay: 1),
        ])
        try backward(bias, coefficients: [1, 2])
        try backward(weight, coefficients: [1, 2])
        try optimizer.step()
        #expect(maxAbsDifference(try bias.doubles(), [0.9, 0.8]) < 1e-12)
        #expect(maxAbsDifference(try weight.doubles(), [0.98, 0.97]) < 1e-12)
        #expect(try untouched.doubles() == [1])
        optimizer.groups[0].learningRate = 0.5
        optimizer.groups[1].weightDecay = 0
        try optimizer.step()
        #expect(maxAbsDifference(try bias.doubles(), [0.4, -0.2]) < 1e-12)
        #expect(maxAbsDifference(try weight.doubles(), [0.97, 0.95]) < 1e-12)
    }

    @Test func momentumStateExportsAndResumes() throws {
        func makeOptimizer(_ parameter: Tensor) throws -> SGD {
            try SGD(parameters: [parameter], learningRate: 0.1, momentum: 0.9, nesterov: true)
        }
        let continuous = try Tensor([1, 2] as [Double]).requiresGrad(true)
        let first = try makeOptimizer(continuous)
        try backward(continuous, coefficients: [1, -1])
        try first.step()
        let resumed = try continuous.detach().clone().requiresGrad(true)
        let second = try makeOptimizer(resumed)
        try second.loadStateDict(first.stateDict())
        for (parameter, optimizer) in [(continuous, first), (resumed, second)] {
            try optimizer.zeroGrad()
            try backward(parameter, coefficients: [1, -1])
            try optimizer.step()
        }
        #expect(try continuous.doubles() == resumed.doubles())
        #expect(throws: TorchError.self) {
            try second.loadStateDict(["3.momentum_buffer": try Tensor.zeros([2])])
        }
    }

    @Test func invalidSettingsAreRejected() throws {
        let parameter = try Tensor([1] as [Double]).requiresGrad(true)
        #expect(throws: TorchError.self) {
            try SGD(parameters: [parameter], learningRate: 0.1, nesterov: true)
        }
        let optimizer = try SGD(parameters: [parameter], learningRate: 0.1)
        optimizer.groups[0].learningRate = -1
        #expect(throws: TorchError.self) { try optimizer.step() }
    }
}
