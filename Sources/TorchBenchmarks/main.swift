// Measures the cost of the Swift/C boundary and checks that tensor handles are freed:
// runs create/compute/free cycles, printing resident memory before and after and the rate.
//
//     swift run -c release TorchBenchmarks [cycles] [threads]
import Foundation
import Torch

/// Resident set size in MiB, from /proc/self/statm (second field, in pages).
func residentMiB() -> Double {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
        return .nan
    }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Double(fields[1]) else { return .nan }
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

/// Runs `body` `count` times and returns the seconds taken.
func timed(_ count: Int, _ body: (Int) throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for index in 0..<count {
        try body(index)
    }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func report(_ name: String, count: Int, seconds: Double, opsPerCycle: Int) {
    let cycles = Double(count) / seconds
    let label = name.padding(toLength: 34, withPad: " ", startingAt: 0)
    let figures = String(
        format: "%8d cycles %7.3f s %10.0f cycles/s %10.0f ops/s  RSS %.1f MiB", count, seconds,
        cycles, cycles * Double(opsPerCycle), residentMiB())
    print(label + figures)
}

func run() throws {
    let arguments = CommandLine.arguments.dropFirst()
    let cycles = arguments.first.flatMap { Int($0) } ?? 100_000
    let threads = arguments.dropFirst().first.flatMap { Int($0) } ?? 1
    try Torch.setThreadCount(threads)
    print("libtorch \(TorchLibrary.version), \(try Torch.threadCount) thread(s), "
        + "CUDA available: \(Torch.cudaIsAvailable)")

    // Warm up allocator and libtorch's dispatch caches so the baseline is steady.
    for _ in 0..<1_000 {
        _ = try Tensor.full([1024], value: 1) + 1
    }
    let before = residentMiB()
    print(String(format: "RSS before: %.1f MiB", before))

    let small = try timed(cycles) { index in
        let tensor = try Tensor.full([1024], value: Double(index % 7))
        _ = try (tensor + 1).sum()
    }
    report("full[1024] + 1, sum, free", count: cycles, seconds: small, opsPerCycle: 3)

    let values = [Float](repeating: 0.5, count: 1024)
    let roundTrip = try timed(cycles) { _ in
        let tensor = try Tensor(values)
        _ = try tensor.mul_(2).floats()
    }
    report("[Float] -> tensor, mul_, [Float]", count: cycles, seconds: roundTrip, opsPerCycle: 3)

    let input = try Tensor.rand([1, 16, 80, 80])
    let weight = try Tensor.rand([32, 16, 3, 3])
    let convolutions = max(1, cycles / 1_000)
    let conv = try timed(convolutions) { _ in
        _ = try input.conv2d(weight: weight, padding: (1, 1)).silu()
    }
    report("conv2d 16->32 3x3 on 80x80 + SiLU", count: convolutions, seconds: conv, opsPerCycle: 2)

    let after = residentMiB()
    print(String(format: "RSS after:  %.1f MiB (growth %.1f MiB; a leaked 4 KiB tensor per "
        + "cycle would add %.0f MiB)", after, after - before, Double(cycles) * 8 / 1024))
}

do {
    try run()
} catch {
    FileHandle.standardError.write(Data("TorchBenchmarks: \(error)\n".utf8))
    exit(1)
}
