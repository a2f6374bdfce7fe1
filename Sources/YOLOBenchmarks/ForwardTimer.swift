import Foundation
import Torch
import YOLO

/// Times our fused eval-mode forward (batch 1, square input) the way the reference side
/// does: warm-up calls first, then per-call wall-clock times.
final class ForwardTimer {
    private var models: [String: DetectionModel] = [:]

    func time(model name: String, size: Int, threads: Int, warmup: Int, timed: Int) throws
        -> [Double]
    {
        try Torch.setThreadCount(threads)
        let model = try fusedModel(name)
        let images = try Tensor.rand([1, 3, size, size])
        var times: [Double] = []
        try Torch.withNoGrad {
            for index in 0..<(warmup + timed) {
                let start = DispatchTime.now().uptimeNanoseconds
                _ = try model.forward(images)
                let elapsed = DispatchTime.now().uptimeNanoseconds - start
                if index >= warmup {
                    times.append(Double(elapsed) / 1e6)
                }
            }
        }
        return times
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
