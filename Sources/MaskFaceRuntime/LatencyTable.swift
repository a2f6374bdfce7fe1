/// Per-stage latencies collected over many frames, summarised as YOLOv5's speed line
/// summarises them (mean milliseconds per frame), with the median beside the mean because
/// on a 2-core machine a few stalled forwards can pull the mean far from the typical frame.
public struct LatencyTable: Sendable {
    /// One row per stage in milliseconds per frame; frames where the stage did not run
    /// count as 0 ms, so the rows add up to the mean frame time.
    public struct Row: Sendable, Equatable {
        public let stage: PipelineStage
        public let meanMilliseconds: Double
        public let medianMilliseconds: Double
    }

    private var frames: [StageTimings] = []
    private var wallSeconds: [Double] = []

    public init() {}

    /// Records one frame: its stage timings and its end-to-end wall-clock seconds.
    public mutating func record(_ timings: StageTimings, wallSeconds seconds: Double) {
        frames.append(timings)
        wallSeconds.append(seconds)
    }

    public var frameCount: Int { frames.count }

    public var rows: [Row] {
        PipelineStage.allCases.map { stage in
            let values = frames.map { ($0.seconds[stage] ?? 0) * 1000 }
            return Row(stage: stage, meanMilliseconds: Self.mean(values),
                       medianMilliseconds: Self.median(values))
        }
    }

    /// Frames per second from the mean end-to-end time (0 when nothing was recorded).
    public var framesPerSecond: Double {
        let meanSeconds = Self.mean(wallSeconds)
        return meanSeconds > 0 ? 1 / meanSeconds : 0
    }

    /// Frames per second from the median end-to-end time.
    public var medianFramesPerSecond: Double {
        let medianSeconds = Self.median(wallSeconds)
        return medianSeconds > 0 ? 1 / medianSeconds : 0
    }

    /// Mean and median end-to-end milliseconds per frame.
    public var meanFrameMilliseconds: Double { Self.mean(wallSeconds) * 1000 }
    public var medianFrameMilliseconds: Double { Self.median(wallSeconds) * 1000 }

    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
