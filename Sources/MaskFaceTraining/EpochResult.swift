import Foundation

/// One row of `results.csv`: an epoch's mean training losses, validation metrics and
/// validation losses, and the learning rate of each parameter group at its end.
///
/// Columns and their order are YOLOv5's, so its tools and users read our files as theirs.
public struct EpochResult: Sendable, Equatable {
    public var epoch: Int
    public var trainBoxLoss: Double
    public var trainObjectnessLoss: Double
    public var trainClassLoss: Double
    public var precision: Double
    public var recall: Double
    public var mapAt50: Double
    public var mapAt50To95: Double
    public var valBoxLoss: Double
    public var valObjectnessLoss: Double
    public var valClassLoss: Double
    /// Learning rates of parameter groups 0 (biases), 1 (weights), 2 (BatchNorm weights).
    public var learningRates: [Double]

    public init(epoch: Int, trainBoxLoss: Double, trainObjectnessLoss: Double,
                trainClassLoss: Double, precision: Double, recall: Double, mapAt50: Double,
                mapAt50To95: Double, valBoxLoss: Double, valObjectnessLoss: Double,
                valClassLoss: Double, learningRates: [Double]) {
        self.epoch = epoch
        self.trainBoxLoss = trainBoxLoss
        self.trainObjectnessLoss = trainObjectnessLoss
        self.trainClassLoss = trainClassLoss
        self.precision = precision
        self.recall = recall
        self.mapAt50 = mapAt50
        self.mapAt50To95 = mapAt50To95
        self.valBoxLoss = valBoxLoss
        self.valObjectnessLoss = valObjectnessLoss
        self.valClassLoss = valClassLoss
        self.learningRates = learningRates
    }

    public static let columnNames = [
        "epoch", "train/box_loss", "train/obj_loss", "train/cls_loss", "metrics/precision",
        "metrics/recall", "metrics/mAP_0.5", "metrics/mAP_0.5:0.95", "val/box_loss",
        "val/obj_loss", "val/cls_loss", "x/lr0", "x/lr1", "x/lr2",
    ]

    /// The values in `columnNames` order (the epoch as a number).
    public var values: [Double] {
        [Double(epoch), trainBoxLoss, trainObjectnessLoss, trainClassLoss, precision, recall,
         mapAt50, mapAt50To95, valBoxLoss, valObjectnessLoss, valClassLoss]
            + (0..<3).map { learningRates.indices.contains($0) ? learningRates[$0] : 0 }
    }

    init?(values: [Double]) {
        guard values.count == Self.columnNames.count else { return nil }
        self.init(epoch: Int(values[0]), trainBoxLoss: values[1], trainObjectnessLoss: values[2],
                  trainClassLoss: values[3], precision: values[4], recall: values[5],
                  mapAt50: values[6], mapAt50To95: values[7], valBoxLoss: values[8],
                  valObjectnessLoss: values[9], valClassLoss: values[10],
                  learningRates: Array(values[11...]))
    }
}

/// Reads and writes `results.csv` with YOLOv5's right-aligned columns.
public enum ResultsFile {
    /// Writes all rows (the whole file each time, atomically, so a kill never truncates it).
    public static func write(_ rows: [EpochResult], to path: String) throws {
        let header = EpochResult.columnNames.map { pad($0) }.joined(separator: ",")
        let lines = rows.map { row in
            row.values.enumerated().map { index, value in
                pad(index == 0 ? String(Int(value)) : String(format: "%.5g", value))
            }.joined(separator: ",")
        }
        try ([header] + lines).joined(separator: "\n").appending("\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Reads a results file; a malformed row is an error naming the file and line.
    public static func read(from path: String) throws -> [EpochResult] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [EpochResult] = []
        for (offset, line) in text.split(separator: "\n").enumerated().dropFirst() {
            let values = line.split(separator: ",").map {
                Double($0.trimmingCharacters(in: .whitespaces))
            }
            guard let row = EpochResult(values: values.compactMap { $0 }),
                  values.allSatisfy({ $0 != nil })
            else {
                throw TrainingRunError(path: path, problem: "line \(offset + 1) is not a "
                                       + "row of \(EpochResult.columnNames.count) numbers")
            }
            rows.append(row)
        }
        return rows
    }

    private static func pad(_ text: String) -> String {
        String(repeating: " ", count: max(20 - text.count, 0)) + text
    }
}

/// A problem with a training run's files or settings, naming the file.
public struct TrainingRunError: Error, CustomStringConvertible {
    public let path: String
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
