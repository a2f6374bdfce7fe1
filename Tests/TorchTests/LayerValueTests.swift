import Foundation
import Testing

@testable import Torch

/// Forward values of the layer functions on inputs small enough to check by hand.
@Suite("Layer function values")
struct LayerValueTests {
    @Test func conv2dOnAKnownImage() throws {
        let image = try Tensor.arange(0, 16, dtype: .float32).reshape([1, 1, 4, 4])
        let kernel = try Tensor([1, 0, 0, -1] as [Float], shape: [1, 1, 2, 2])
        let output = try image.conv2d(weight: kernel, bias: Tensor([10] as [Float]),
                                      stride: (2, 2))
        // Each 2x2 window: top-left minus bottom-right = -5, plus bias 10.
        #expect(output.shape == [1, 1, 2, 2])
        #expect(try output.floats() == [5, 5, 5, 5])
    }

    @Test func maxPoolAndNearestUpsample() throws {
        let image = try Tensor([1, 2, 3, 4] as [Float], shape: [1, 1, 2, 2])
        #expect(try image.upsampleNearest(scaleFactor: 2).floats() == [
            1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4,
        ])
        let pooled = try image.maxPool2d(kernel: (3, 3), stride: (1, 1), padding: (1, 1))
        #expect(try pooled.floats() == [4, 4, 4, 4])
        #expect(try image.maxPool2d(kernel: (2, 2)).floats() == [4])
    }

    @Test func batchNormInEvalUsesRunningStatistics() throws {
        let input = try Tensor([1, 2, 3, 4] as [Float], shape: [1, 2, 1, 2])
        let output = try input.batchNorm(
            weight: Tensor([2, 1] as [Float]), bias: Tensor([0, 1] as [Float]),
            runningMean: Tensor([1, 3] as [Float]), runningVar: Tensor([4, 1] as [Float]),
            training: false, eps: 0)
        // Channel 0: 2 * (x - 1) / 2; channel 1: (x - 3) / 1 + 1.
        #expect(try output.floats() == [0, 1, 1, 2])
    }

    @Test func binaryCrossEntropyWithLogitsValue() throws {
        let logits = try Tensor([0, 2] as [Double])
        let targets = try Tensor([1, 0] as [Double])
        let loss = try logits.binaryCrossEntropyWithLogits(
            target: targets, posWeight: Tensor([3] as [Double]), reduction: .sum)
        // 3 * -log σ(0) + -log(1 - σ(2)) = 3 log 2 + log(1 + e²).
        let expected = 3 * Foundation.log(2.0) + Foundation.log(1 + Foundation.exp(2.0))
        #expect(Swift.abs(try loss.item() - expected) < 1e-12)
    }

    @Test(.enabled(if: Torch.cudaIsAvailable, "needs a libtorch built with CUDA and a GPU"))
    func tensorsMoveToCUDAAndBack() throws {
        let host = try Tensor([1, 2, 3] as [Float])
        let device = try host.to(device: .cuda(0))
        #expect(device.device == .cuda(0))
        let doubled = try (device * 2).to(device: .cpu)
        #expect(try doubled.floats() == [2, 4, 6])
        #expect(try Tensor.ones([2], device: .cuda(0)).sum().item() == 2)
    }
}
