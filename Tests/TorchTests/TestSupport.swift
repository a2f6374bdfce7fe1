import Foundation
import Testing

@testable import Torch

/// Deterministic, irregular test values that do not touch libtorch's shared random
/// generator (tests run in parallel, and the seed test owns that generator).
func patternValues(count: Int, offset: Double = 0) -> [Double] {
    (0..<count).map { index in
        let position = Double(index) + offset
        return Foundation.sin(position * 0.731 + 0.3) * 0.8 + Foundation.cos(position * 0.173) * 0.3
    }
}

func patternTensor(_ shape: [Int], offset: Double = 0, dtype: DType = .float64) throws -> Tensor {
    let count = shape.reduce(1, *)
    return try Tensor(patternValues(count: count, offset: offset), shape: shape).to(dtype: dtype)
}

/// Largest absolute difference between two equally long arrays.
func maxAbsDifference(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).map { Swift.abs($0 - $1) }.max() ?? 0
}

/// The repository's shared reference fixtures: `<repo>/../shared/fixtures/reference`.
func referenceFixtureFolder(filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath)
        .deletingLastPathComponent()  // TorchTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/reference")
}

/// Resident set size of this process in bytes, from /proc/self/statm.
func residentBytes() throws -> Int {
    let text = try String(contentsOfFile: "/proc/self/statm", encoding: .utf8)
    let fields = text.split(separator: " ")
    let pages = try #require(fields.count > 1 ? Int(fields[1]) : nil)
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
