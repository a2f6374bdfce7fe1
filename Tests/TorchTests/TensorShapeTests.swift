import Testing

@testable import Torch

@Suite("Views, slicing, indexing, joining")
struct TensorShapeTests {
    @Test func viewsAndReshapes() throws {
        let x = try Tensor.arange(0, 24).reshape([2, 3, 4])
        #expect(try x.view([6, 4]).shape == [6, 4])
        #expect(try x.reshape([-1, 2]).shape == [12, 2])
        #expect(try x.permute([2, 0, 1]).shape == [4, 2, 3])
        #expect(try x.transpose(0, 2).shape == [4, 3, 2])
        #expect(try x.unsqueeze(0).shape == [1, 2, 3, 4])
        #expect(try x.unsqueeze(0).squeeze(0).shape == [2, 3, 4])
        #expect(try Tensor.zeros([1, 3, 1]).squeeze().shape == [3])
        #expect(try x.flatten(startDim: 1).shape == [2, 12])
        #expect(try Tensor.zeros([1, 3]).expand([4, 3]).shape == [4, 3])
        #expect(x.size(-1) == 4)
    }

    @Test func selectSliceAndNarrowAreViews() throws {
        let x = try Tensor.arange(0, 12, dtype: .float32).reshape([3, 4])
        #expect(try x.select(dim: 0, index: 1).floats() == [4, 5, 6, 7])
        #expect(try x.slice(dim: 1, start: 0, step: 2).floats() == [0, 2, 4, 6, 8, 10])
        #expect(try x.slice(dim: 1, start: -1).floats() == [3, 7, 11])
        #expect(try x.narrow(dim: 0, start: 1, length: 2).shape == [2, 4])
        try x.select(dim: 1, index: 0).fill_(-1)
        #expect(try x.select(dim: 1, index: 0).floats() == [-1, -1, -1])
    }

    @Test func gatheringAndAssignment() throws {
        let x = try Tensor.arange(0, 6, dtype: .float32).reshape([3, 2])
        let rows = try Tensor([2, 0] as [Int64])
        #expect(try x.indexSelect(dim: 0, index: rows).floats() == [4, 5, 0, 1])
        #expect(try x.index([rows]).floats() == [4, 5, 0, 1])
        let columns = try Tensor([1, 0] as [Int64])
        #expect(try x.index([rows, columns]).floats() == [5, 0])
        let mask = try x.gt(2.5)
        #expect(try x.maskedSelect(mask).floats() == [3, 4, 5])
        #expect(try x.index([mask]).floats() == [3, 4, 5])
        try x.indexPut_([rows, columns], Tensor([100, 200] as [Float]))
        #expect(try x.floats() == [200, 1, 2, 3, 4, 100])
        try x.indexPut_([rows, columns], Tensor.scalar(1), accumulate: true)
        #expect(try x.floats() == [201, 1, 2, 3, 4, 101])
        let picked = try x.gather(dim: 1, index: Tensor([0, 1, 0] as [Int64], shape: [3, 1]))
        #expect(try picked.floats() == [201, 3, 4])
    }

    @Test func joinAndSplit() throws {
        let a = try Tensor([1, 2] as [Float])
        let b = try Tensor([3, 4] as [Float])
        #expect(try Tensor.cat([a, b]).floats() == [1, 2, 3, 4])
        #expect(try Tensor.stack([a, b], dim: 1).shape == [2, 2])
        let x = try Tensor.arange(0, 7)
        #expect(try x.split(size: 3).map { $0.elementCount } == [3, 3, 1])
        #expect(try x.split(sizes: [2, 5]).map { $0.elementCount } == [2, 5])
        #expect(try x.chunk(2).map { try $0.int64s() } == [[0, 1, 2, 3], [4, 5, 6]])
        let grids = try Tensor.meshgrid([Tensor.arange(0, 2), Tensor.arange(0, 3)])
        #expect(grids.count == 2)
        #expect(grids[0].shape == [2, 3])
        #expect(try grids[0].int64s() == [0, 0, 0, 1, 1, 1])
        #expect(try grids[1].int64s() == [0, 1, 2, 0, 1, 2])
    }
}
