import Foundation
import Torch
import YOLO

/// Times our fused eval-mode forward (batch 1, square input) the way the reference side
/// does: warm-up calls first, then per-call wall-clock times.
final class ForwardTimer {
    private var models: [String: DetectionModel] = [:]

    func time(model name: String, size: Int, threads: Int, warmup: Int, timed: Int) throws
        -> Timings
    {
        try Torch.setThreadCount(threads)
        let model = try fusedModel(name)
        let images = try Tensor.rand([1, 3, size, size])
        var timings = Timings()
        try Torch.withNoGrad {
            for index in 0..<(warmup + timed) {
                let start = DispatchTime.now().uptimeNanoseconds
                let cpuStart = Timings.processCPUMilliseconds()
                _ = try model.forward(images)
                let elapsed = DispatchTime.now().uptimeNanoseconds - start
                if index >= warmup {
                    timings.wall.append(Double(elapsed) / 1e6)
                    timings.cpu.append(Timings.processCPUMilliseconds() - cpuStart)
                }
            }
        }
        return timings
    }

    private func fusedModel(_ name: String) throws -> DetectionModel {
        if let model = models[name] {
            return model
        }
        try Torch.manualSeed(0)
        let model = try DetectionModel(configNamed: name, classCount: 2).fused()
        models[name] = model
        return model
    }
}

/// Per-call times in milliseconds: wall clock, and CPU time of the whole process (all
/// threads). On a shared machine the CPU time is the steadier of the two: waiting for a
/// core does not count. It includes OpenMP workers spin-waiting after parallel regions, so
/// it can exceed the wall time, on both sides alike.
struct Timings {
    var wall: [Double] = []
    var cpu: [Double] = []

    static func + (lhs: Timings, rhs: Timings) -> Timings {
        Timings(wall: lhs.wall + rhs.wall, cpu: lhs.cpu + rhs.cpu)
    }

    static func processCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
    }
}
