import Testing

@testable import Torch

@Suite("libtorch errors become Swift errors")
struct ErrorTests {
    @Test func channelMismatchInConv2dThrowsWithLibtorchText() throws {
        let input = try Tensor.zeros([1, 4, 5, 5])
        let weight = try Tensor.zeros([3, 2, 3, 3])
        let error = try #require(throws: TorchError.self) {
            try input.conv2d(weight: weight)
        }
        #expect(error.operation == "conv2d")
        // libtorch 1.13: "Given groups=1, weight of size [3, 2, 3, 3], expected input[1, 4,
        // 5, 5] to have 2 channels, but got 4 channels instead".
        #expect(error.message.contains("channels"))
        #expect(error.description.hasPrefix("conv2d: "))
        #expect(!error.description.contains("\n"))
        #expect(!error.message.contains("Exception raised from"))
        // The process and libtorch keep working after the error.
        let fixed = try input.conv2d(weight: Tensor.ones([3, 4, 3, 3]), padding: (1, 1))
        #expect(fixed.shape == [1, 3, 5, 5])
    }

    @Test(arguments: ["view", "add", "select", "cat", "item"])
    func shapeErrorsNameTheOperation(operation: String) throws {
        let error = try #require(throws: TorchError.self) {
            switch operation {
            case "view": _ = try Tensor.arange(0, 6).view([4])
            case "add": _ = try Tensor.zeros([2]) + Tensor.zeros([3])
            case "select": _ = try Tensor.zeros([2]).select(dim: 0, index: 5)
            case "cat": _ = try Tensor.cat([])
            default: _ = try Tensor.zeros([2]).item()
            }
        }
        #expect(error.operation == operation)
        #expect(!error.message.isEmpty)
    }

    @Test func backwardWithoutGradientThrows() throws {
        let value = try Tensor.ones([2]).sum()
        let error = try #require(throws: TorchError.self) { try value.backward() }
        #expect(error.operation == "backward")
    }

    @Test func invalidThreadCountIsRejected() {
        #expect(throws: TorchError.self) { try Torch.setThreadCount(0) }
    }
}
