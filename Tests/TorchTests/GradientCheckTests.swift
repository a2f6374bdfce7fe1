import Testing

@testable import Torch

/// Autograd against central finite differences, in float64 so the comparison is tight:
/// with step h = 1e-6 the central difference has truncation error O(h²) and rounding error
/// about 1e-16 / h, both far below the 1e-6 tolerance.
@Suite("Gradients match finite differences")
struct GradientCheckTests {
    /// One differentiable function of several inputs, reduced to a scalar.
    struct Case: CustomStringConvertible, Sendable {
        let description: String
        let shapes: [[Int]]
        let loss: @Sendable ([Tensor]) throws -> Tensor
    }

    static let cases: [Case] = [
        Case(
            description: "conv2d stride 2, padding 1, bias",
            shapes: [[2, 2, 5, 5], [3, 2, 3, 3], [3]]
        ) {
            let output = try $0[0].conv2d(weight: $0[1], bias: $0[2], stride: (2, 2),
                                          padding: (1, 1))
            return try weightedSum(output)
        },
        Case(description: "conv2d groups 2, dilation 2", shapes: [[1, 4, 6, 6], [2, 2, 2, 2]]) {
            try weightedSum($0[0].conv2d(weight: $0[1], dilation: (2, 2), groups: 2))
        },
        Case(description: "batch norm, training mode", shapes: [[4, 3, 2, 2], [3], [3]]) {
            let output = try $0[0].batchNorm(weight: $0[1], bias: $0[2], runningMean: nil,
                                             runningVar: nil, training: true, eps: 1e-3)
            return try weightedSum(output)
        },
        // libtorch does not differentiate BCE with respect to weight and pos_weight (YOLOv5
        // never needs it), so those are constants here.
        Case(description: "BCE with logits, pos_weight, mean", shapes: [[6, 3]]) {
            let targets = try Tensor(
                [1, 0, 0.3, 0, 1, 1, 0.5, 0, 1, 1, 0, 0, 0, 0.9, 1, 1, 0, 0], shape: [6, 3])
            let positiveWeight = try Tensor([0.5, 1, 2.5] as [Double])
            return try $0[0].binaryCrossEntropyWithLogits(
                target: targets, posWeight: positiveWeight, reduction: .mean)
        },
        Case(description: "BCE with logits, weight, sum", shapes: [[5, 2]]) {
            let targets = try Tensor([1, 0, 0, 1, 1, 1, 0.2, 0.8, 0, 0], shape: [5, 2])
            let weights = try patternTensor([5, 2], offset: 50).abs()
            return try $0[0].binaryCrossEntropyWithLogits(
                target: targets, weight: weights, reduction: .sum)
        },
        Case(description: "BCE with logits, no reduction", shapes: [[4]]) {
            let targets = try Tensor([1, 0, 0.5, 1] as [Double])
            return try weightedSum(
                $0[0].binaryCrossEntropyWithLogits(target: targets, reduction: .none))
        },
        Case(description: "SiLU, max pool, nearest upsample", shapes: [[1, 2, 4, 4]]) {
            let pooled = try $0[0].silu().maxPool2d(kernel: (3, 3), stride: (1, 1),
                                                    padding: (1, 1))
            return try weightedSum(pooled.upsampleNearest(scaleFactor: 2))
        },
    ]

    /// Sum of the output times fixed irregular weights, so every output element matters.
    static func weightedSum(_ output: Tensor) throws -> Tensor {
        let weights = try patternTensor(output.shape, offset: 100)
        return try (output * weights).sum()
    }

    @Test(arguments: cases)
    func autogradMatchesCentralDifferences(testCase: Case) throws {
        let inputs = try testCase.shapes.enumerated().map { index, shape in
            try patternTensor(shape, offset: Double(index) * 17)
        }
        for (position, input) in inputs.enumerated() {
            let leaf = try input.clone().requiresGrad(true)
            var arguments = inputs
            arguments[position] = leaf
            try testCase.loss(arguments).backward()
            let analytic = try #require(try leaf.grad()).doubles()
            let numeric = try centralDifferences(testCase, inputs: inputs, position: position)
            let scale = max(1, numeric.map { Swift.abs($0) }.max() ?? 1)
            #expect(maxAbsDifference(analytic, numeric) / scale < 1e-6,
                    "input \(position) of \(testCase)")
        }
    }

    private func centralDifferences(_ testCase: Case, inputs: [Tensor], position: Int) throws
        -> [Double]
    {
        let step = 1e-6
        let shape = inputs[position].shape
        let values = try inputs[position].doubles()
        return try values.indices.map { index in
            var arguments = inputs
            var shifted = values
            shifted[index] = values[index] + step
            arguments[position] = try Tensor(shifted, shape: shape)
            let plus = try testCase.loss(arguments).item()
            shifted[index] = values[index] - step
            arguments[position] = try Tensor(shifted, shape: shape)
            let minus = try testCase.loss(arguments).item()
            return (plus - minus) / (2 * step)
        }
    }
}
