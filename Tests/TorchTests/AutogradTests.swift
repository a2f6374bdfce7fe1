import Testing

@testable import Torch

@Suite("Autograd, gradient mode, seed and threads", .serialized)
struct AutogradTests {
    @Test func backwardAccumulatesAndZeroGradResets() throws {
        let x = try Tensor([1, 2, 3] as [Float]).requiresGrad(true)
        #expect(x.requiresGrad)
        #expect(try x.grad() == nil)
        try (x * x).sum().backward()
        #expect(try #require(try x.grad()).floats() == [2, 4, 6])
        try (x * 3).sum().backward()
        #expect(try #require(try x.grad()).floats() == [5, 7, 9])
        try x.zeroGrad()
        #expect(try #require(try x.grad()).floats() == [0, 0, 0])
        try x.zeroGrad(setToNone: true)
        #expect(try x.grad() == nil)
        #expect(try !x.detach().requiresGrad)
    }

    @Test func noGradScopeStopsRecordingAndRestores() throws {
        let x = try Tensor([1, 2] as [Float]).requiresGrad(true)
        #expect(try Torch.isGradEnabled)
        let y = try Torch.withNoGrad { try x * 2 }
        #expect(!y.requiresGrad)
        #expect(try Torch.isGradEnabled)
        struct Failure: Error {}
        #expect(throws: Failure.self) {
            try Torch.withNoGrad { throw Failure() }
        }
        #expect(try Torch.isGradEnabled)
        let nested = try Torch.withNoGrad {
            try Torch.withGradEnabled(true) { try x * 2 }
        }
        #expect(nested.requiresGrad)
        // In-place updates of a leaf that requires gradients are only legal without recording.
        #expect(throws: TorchError.self) { try x.add_(1) }
        try Torch.withNoGrad { try x.add_(1) }
        #expect(try x.floats() == [2, 3])
    }

    @Test func manualSeedRepeatsRandomNumbers() throws {
        try Torch.manualSeed(42)
        let first = try Tensor.rand([8]).floats()
        let firstNormal = try Tensor.randn([8]).floats()
        try Torch.manualSeed(42)
        #expect(try Tensor.rand([8]).floats() == first)
        #expect(try Tensor.randn([8]).floats() == firstNormal)
        try Torch.manualSeed(43)
        #expect(try Tensor.rand([8]).floats() != first)
    }

    @Test func threadCountCanBeSetAndRead() throws {
        let original = try Torch.threadCount
        defer { try? Torch.setThreadCount(original) }
        for count in [1, 2, 3] {
            try Torch.setThreadCount(count)
            #expect(try Torch.threadCount == count)
        }
    }
}
