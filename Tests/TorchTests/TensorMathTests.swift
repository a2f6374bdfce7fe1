import Testing

@testable import Torch

@Suite("Arithmetic, comparisons and reductions")
struct TensorMathTests {
    @Test func arithmeticWithTensorsAndScalars() throws {
        let a = try Tensor([1, 2, 3, 4] as [Float])
        let b = try Tensor([4, 3, 2, 1] as [Float])
        #expect(try (a + b).floats() == [5, 5, 5, 5])
        #expect(try (a - b).floats() == [-3, -1, 1, 3])
        #expect(try (a * b).floats() == [4, 6, 6, 4])
        #expect(try (a / b).floats() == [0.25, 2.0 / 3.0, 1.5, 4])
        #expect(try (a + 1).floats() == [2, 3, 4, 5])
        #expect(try (1 - a).floats() == [0, -1, -2, -3])
        #expect(try (2.0 / a).floats() == [2, 1, 2.0 / 3.0, 0.5])
        #expect(try (a * 0.5).floats() == [0.5, 1, 1.5, 2])
        #expect(try (-a).floats() == [-1, -2, -3, -4])
        let integers = try Tensor([1, 2] as [Int64])
        #expect(try (integers * 3).dtype == .int64)
        #expect(try (integers / 2).dtype == .float32)
    }

    @Test func inPlaceOperations() throws {
        let value = try Tensor([1, 2] as [Float])
        try value.add_(Tensor([10, 20] as [Float]), alpha: -0.5)
        #expect(try value.floats() == [-4, -8])
        try value.mul_(-1).sub_(1).div_(Tensor([1, 7] as [Float]))
        #expect(try value.floats() == [3, 1])
        try value.copy_(Tensor([9] as [Double]))
        #expect(try value.floats() == [9, 9])
        try value.zero_()
        #expect(try value.floats() == [0, 0])
        try value.fill_(2).pow_(3)
        #expect(try value.floats() == [8, 8])
        try value.maskedFill_(Tensor([true, false]), value: -1)
        #expect(try value.floats() == [-1, 8])
        try value.clamp_(min: 0, max: 5)
        #expect(try value.floats() == [0, 5])
    }

    @Test(arguments: [
        ("sqrt", [4, 9], [2, 3]),
        ("exp", [0, 1], [1, 2.718281828459045]),
        ("log", [1, 2.718281828459045], [0, 1]),
        ("abs", [-1.5, 2], [1.5, 2]),
        ("floor", [-1.5, 2.5], [-2, 2]),
        ("round", [0.5, 1.5], [0, 2]),
        ("atan", [0, 1], [0, 0.7853981633974483]),
        ("sigmoid", [0, 0], [0.5, 0.5]),
        ("silu", [0, 1], [0, 0.7310585786300049]),
    ] as [(String, [Double], [Double])])
    func unaryFunctions(name: String, input: [Double], expected: [Double]) throws {
        let x = try Tensor(input)
        let functions: [String: (Tensor) throws -> Tensor] = [
            "sqrt": { try $0.sqrt() }, "exp": { try $0.exp() }, "log": { try $0.log() },
            "abs": { try $0.abs() }, "floor": { try $0.floor() }, "round": { try $0.round() },
            "atan": { try $0.atan() }, "sigmoid": { try $0.sigmoid() }, "silu": { try $0.silu() },
        ]
        let function = try #require(functions[name])
        #expect(maxAbsDifference(try function(x).doubles(), expected) < 1e-12)
    }

    @Test func comparisonsAndWhere() throws {
        let a = try Tensor([1, 5, 3] as [Float])
        let b = try Tensor([2, 2, 3] as [Float])
        #expect(try a.gt(b).bools() == [false, true, false])
        #expect(try a.eq(b).bools() == [false, false, true])
        #expect(try a.le(3).bools() == [true, false, true])
        #expect(try Tensor.where(a.gt(b), a, b).floats() == [2, 5, 3])
        #expect(try a.maximum(b).floats() == [2, 5, 3])
        #expect(try a.minimum(b).floats() == [1, 2, 3])
        #expect(try a.pow(2).floats() == [1, 25, 9])
        #expect(try a.clamp(min: 2).floats() == [2, 5, 3])
        #expect(try a.clamp(max: 2).floats() == [1, 2, 2])
    }

    @Test func reductions() throws {
        let x = try Tensor([1, 2, 3, 4, 5, 6] as [Float], shape: [2, 3])
        #expect(try x.sum().item() == 21)
        #expect(try x.mean().item() == 3.5)
        #expect(try x.max().item() == 6)
        #expect(try x.min().item() == 1)
        #expect(try x.argmax().itemInt() == 5)
        #expect(try x.sum(dim: 0).floats() == [5, 7, 9])
        #expect(try x.mean(dim: 1, keepDim: true).shape == [2, 1])
        #expect(try x.mean(dims: [0, 1]).item() == 3.5)
        let (values, indices) = try x.max(dim: 1)
        #expect(try values.floats() == [3, 6])
        #expect(try indices.int64s() == [2, 2])
        #expect(try x.argmax(dim: 0).int64s() == [1, 1, 1])
        #expect(try x.amax(dims: [0]).floats() == [4, 5, 6])
        let sorted = try Tensor([3, 1, 2] as [Float]).sort(descending: true)
        #expect(try sorted.values.floats() == [3, 2, 1])
        #expect(try sorted.indices.int64s() == [0, 2, 1])
        let top = try Tensor([3, 1, 2, 7] as [Float]).topk(2)
        #expect(try top.values.floats() == [7, 3])
        #expect(try Tensor([true, false]).any().itemInt() == 1)
        #expect(try Tensor([0, 3, 0, 4] as [Float]).nonzero().int64s() == [1, 3])
    }
}
