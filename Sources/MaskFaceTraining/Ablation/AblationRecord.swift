import Foundation

/// What one finished experiment measured, kept as `ablation.json` in its run folder; the
/// file's presence marks the experiment as done.
public struct AblationRecord: Codable, Sendable, Equatable {
    /// The numbers of one split.
    public struct SplitMetrics: Codable, Sendable, Equatable {
        public var precision: Double
        public var recall: Double
        public var mapAt50: Double
        public var mapAt50To95: Double
    }

    public var experiment: Int
    public var name: String
    public var model: String
    public var imageSize: Int
    public var parameters: Int
    public var gflops: Double
    public var val: SplitMetrics
    public var test: SplitMetrics
    /// Size in MB of the deployable weights (float16 state dict, as YOLOv5 strips `best.pt`).
    public var modelSizeMB: Double
    public var cosineLearningRate: Bool
    public var labelSmoothing: Double
    public var multiScale: Bool
    public var trainHours: Double
    public var budget: AblationBudget

    static let fileName = "ablation.json"

    func write(to folder: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: "\(folder)/\(Self.fileName)"),
                                       options: .atomic)
    }

    static func read(from folder: String) throws -> AblationRecord? {
        let path = "\(folder)/\(fileName)"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do {
            return try JSONDecoder().decode(AblationRecord.self,
                                            from: Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw TrainingRunError(path: path, problem: "unreadable: \(error)")
        }
    }
}

/// The compute budget an ablation ran with, stated in its table's header.
public struct AblationBudget: Codable, Sendable, Equatable {
    public var epochs: Int
    public var imageSize: Int
    public var batchSize: Int
    public var fraction: Double
    public var trainImages: Int
    public var data: String
    public var threads: Int
    public var machine: String

    /// One line for the table header.
    public var description: String {
        let share = fraction < 1 ? String(format: " (fraction %.2f)", fraction) : ""
        return "\(epochs) epochs, img \(imageSize), batch \(batchSize), \(trainImages) "
            + "training images\(share) from \(data); \(machine), \(threads) threads"
    }
}
