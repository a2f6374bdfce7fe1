import Testing

@testable import Torch

@Suite("Handles are freed", .serialized)
struct MemoryTests {
    /// 100,000 create/compute/free cycles of 4 KiB tensors. A leaked handle would keep its
    /// storage alive: at least 400 MB, against a bound of 64 MB that leaves room for
    /// allocator noise and for other tests running at the same time.
    @Test func createComputeFreeCyclesKeepResidentMemoryFlat() throws {
        try cycle(count: 2_000)
        let before = try residentBytes()
        try cycle(count: 100_000)
        let after = try residentBytes()
        #expect(after - before < 64 << 20, "RSS grew by \((after - before) >> 20) MiB")
    }

    private func cycle(count: Int) throws {
        for index in 0..<count {
            let tensor = try Tensor.full([1024], value: Double(index % 7))
            let result = try tensor + 1
            if index % 10_000 == 0 {
                #expect(try result.select(dim: 0, index: 0).item() == Double(index % 7) + 1)
            }
        }
    }

    @Test func deinitRunsWhenTheLastReferenceGoes() throws {
        weak var observed: Tensor?
        do {
            let tensor = try Tensor.zeros([4])
            observed = tensor
            #expect(observed != nil)
        }
        #expect(observed == nil)
    }
}
