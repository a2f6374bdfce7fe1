import Testing

@testable import Torch

@Suite("Tensor creation, metadata and reading back")
struct TensorBasicsTests {
    @Test func createsFromArraysAndReadsBack() throws {
        let tensor = try Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        #expect(tensor.shape == [2, 3])
        #expect(tensor.rank == 2)
        #expect(tensor.dtype == .float32)
        #expect(tensor.device == .cpu)
        #expect(tensor.elementCount == 6)
        #expect(try tensor.floats() == [1, 2, 3, 4, 5, 6])
        #expect(try tensor.int64s() == [1, 2, 3, 4, 5, 6])
        let longs = try Tensor([7, -8] as [Int64])
        #expect(longs.dtype == .int64)
        #expect(try longs.int64s() == [7, -8])
        let flags = try Tensor([true, false, true])
        #expect(try flags.bools() == [true, false, true])
        #expect(try Tensor([9, 10] as [UInt8]).bytes() == [9, 10])
    }

    @Test(arguments: DType.allCases)
    func rawBytesRoundTripEveryDType(dtype: DType) throws {
        let tensor = try Tensor.arange(0, 6, dtype: dtype == .bool ? .int64 : dtype)
            .to(dtype: dtype).reshape([3, 2])
        let bytes = try tensor.bytes()
        #expect(bytes.count == 6 * dtype.byteWidth)
        let copy = try bytes.withUnsafeBytes {
            try Tensor(bytes: $0, shape: [3, 2], dtype: dtype)
        }
        #expect(copy.dtype == dtype)
        #expect(try copy.bytes() == bytes)
    }

    @Test func rejectsByteCountThatDoesNotMatchShape() throws {
        let bytes: [UInt8] = [0, 0, 0]
        #expect(throws: TorchError.self) {
            try bytes.withUnsafeBytes { try Tensor(bytes: $0, shape: [1], dtype: .float32) }
        }
    }

    @Test func factories() throws {
        #expect(try Tensor.zeros([2, 2]).floats() == [0, 0, 0, 0])
        #expect(try Tensor.ones([3], dtype: .int64).int64s() == [1, 1, 1])
        #expect(try Tensor.full([2], value: 2.5).floats() == [2.5, 2.5])
        #expect(try Tensor.arange(0, 5).int64s() == [0, 1, 2, 3, 4])
        let quarters = try Tensor.arange(1, 2, step: 0.25, dtype: .float32)
        #expect(try quarters.floats() == [1, 1.25, 1.5, 1.75])
        #expect(try Tensor.linspace(0, 1, steps: 5).floats() == [0, 0.25, 0.5, 0.75, 1])
        #expect(try Tensor.scalar(3).item() == 3)
        #expect(try Tensor.rand([4, 5]).shape == [4, 5])
        #expect(try Tensor.randn([3], dtype: .float64).dtype == .float64)
    }

    @Test func conversionsAndCopies() throws {
        let source = try Tensor([1.5, -2.5] as [Float])
        #expect(try source.to(dtype: .int64).int64s() == [1, -2])
        #expect(try source.to(dtype: .float16).to(dtype: .float32).floats() == [1.5, -2.5])
        #expect(try source.to(device: .cpu).floats() == [1.5, -2.5])
        let clone = try source.clone()
        try clone.add_(1)
        #expect(try source.floats() == [1.5, -2.5])
        #expect(try clone.floats() == [2.5, -1.5])
        let transposed = try Tensor.arange(0, 6).reshape([2, 3]).transpose(0, 1)
        #expect(!transposed.isContiguous)
        #expect(try transposed.contiguous().isContiguous)
        #expect(try transposed.int64s() == [0, 3, 1, 4, 2, 5])
        #expect(try Tensor([7] as [Int64]).itemInt() == 7)
    }

    @Test func descriptionShowsValues() throws {
        let text = try Tensor([1, 2] as [Float]).description
        #expect(text.contains("1"))
        #expect(text.contains("Float"))
    }

    @Test func cudaAvailabilityIsConsistent() {
        #expect(Torch.cudaIsAvailable == (Torch.cudaDeviceCount > 0))
    }
}
