import Testing

@testable import Torch
@testable import YOLOTraining

/// clip_grad_norm_ by hand: gradients (3, 4) and (0) have total norm 5.
@Suite("Gradient clipping")
struct GradientClippingTests {
    private func parametersWithGradients() throws -> [Tensor] {
        let first = try Tensor([Float(3), 4]).requiresGrad(true)
        let second = try Tensor([Float(2)]).requiresGrad(true)
        let loss = try (first * first).sum() / 2 + (second * 0).sum()
        try loss.backward()
        return [first, second]
    }

    @Test func clipsToTheMaximumNorm() throws {
        let parameters = try parametersWithGradients()
        let total = try GradientClipping.clip(parameters, maxNorm: 1)
        #expect(Swift.abs(total - 5) < 1e-6)
        let clipped = try #require(try parameters[0].grad()).doubles()
        #expect(Swift.abs(clipped[0] - 0.6) < 1e-6 && Swift.abs(clipped[1] - 0.8) < 1e-6)
        let norms = try GradientClipping.gradientNorms(
            of: [("a", parameters[0]), ("b", parameters[1])])
        #expect(norms.map(\.name) == ["a", "b"])
        #expect(Swift.abs((norms[0].norm ?? 0) - 1) < 1e-5)
    }

    @Test func leavesSmallGradientsAlone() throws {
        let parameters = try parametersWithGradients()
        #expect(Swift.abs(try GradientClipping.clip(parameters) - 5) < 1e-6)
        #expect(try #require(try parameters[0].grad()).doubles() == [3, 4])
        #expect(try GradientClipping.clip([try Tensor([Float(1)])]) == 0)
    }
}
