/// The steps of recognising a face, in order, as the latency table names them.
public enum PipelineStage: String, Sendable, CaseIterable, Codable {
    /// Letterbox and conversion to the detector's float input.
    case preprocess = "pre-process"
    /// The detector network's forward pass (OpenCV DNN).
    case inference
    /// Non-maximum suppression and mapping boxes back to the image.
    case nms = "NMS"
    /// dlib's 68-point shape predictor and the aligned face chip.
    case landmarks
    /// dlib's ResNet descriptor of the face chip.
    case descriptor
    /// Nearest-identity search in the gallery of the face's class.
    case matching
}

/// Seconds spent in each stage while processing one image or frame. Stages that did not
/// run (no face found, recognition off) are absent.
public struct StageTimings: Sendable, Equatable {
    public private(set) var seconds: [PipelineStage: Double] = [:]

    public init() {}

    /// Adds `duration` to `stage` (several faces add up within one frame).
    public mutating func add(_ stage: PipelineStage, _ duration: Duration) {
        let components = duration.components
        let value = Double(components.seconds) + Double(components.attoseconds) * 1e-18
        seconds[stage, default: 0] += value
    }

    /// Runs `body`, adding its wall-clock time to `stage`.
    public mutating func measure<Result>(_ stage: PipelineStage, _ body: () throws -> Result)
        rethrows -> Result
    {
        let clock = ContinuousClock()
        let start = clock.now
        defer { add(stage, clock.now - start) }
        return try body()
    }

    /// Total seconds over all stages.
    public var total: Double { seconds.values.reduce(0, +) }

    public mutating func merge(_ other: StageTimings) {
        for (stage, value) in other.seconds { seconds[stage, default: 0] += value }
    }
}
