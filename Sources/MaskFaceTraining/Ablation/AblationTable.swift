import Foundation
import MaskFaceVision

/// The ablation table built from the experiments' `ablation.json` files: Markdown with
/// the best value of each metric column in bold, CSV with every number, and a chart.
public struct AblationTable: Sendable {
    public let plan: AblationPlan
    public let records: [AblationRecord]
    /// Plan experiments without a record yet.
    public let missing: [Int]

    /// Collects whatever experiments of `plan` have finished under `planFolder`.
    public static func collect(plan: AblationPlan, planFolder: String) throws -> AblationTable {
        var records: [AblationRecord] = []
        var missing: [Int] = []
        for experiment in plan.experiments {
            if let record = try AblationRecord.read(from: "\(planFolder)/exp\(experiment.number)") {
                records.append(record)
            } else {
                missing.append(experiment.number)
            }
        }
        return AblationTable(plan: plan, records: records, missing: missing)
    }

    /// Writes `folder/<plan>.md`, `.csv` and `.png`; returns the three paths.
    public func write(to folder: String, command: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let base = "\(folder)/\(plan.name)"
        try markdown(command: command).write(toFile: base + ".md", atomically: true,
                                             encoding: .utf8)
        try csv().write(toFile: base + ".csv", atomically: true, encoding: .utf8)
        try chart().write(to: base + ".png")
        return [base + ".md", base + ".csv", base + ".png"]
    }

    /// The budget lines every table opens with, so a reduced run is never mistaken for the
    /// full one.
    var budgetLines: [String] {
        let budgets = Set(records.map(\.budget.description))
        let full = "\(plan.shared.epochs) epochs, img \(plan.shared.imageSize), batch "
            + "\(plan.shared.batchSize), the whole training split"
        var lines = budgets.sorted().map { "**Budget:** \($0)." }
        if records.contains(where: { !Self.isFull($0.budget, plan: plan) }) {
            lines.append("This is a reduced budget, not the full one (\(full)); its numbers "
                         + "are not comparable with a full-budget run.")
        }
        return lines
    }

    static func isFull(_ budget: AblationBudget, plan: AblationPlan) -> Bool {
        budget.epochs == plan.shared.epochs && budget.imageSize == plan.shared.imageSize
            && budget.fraction >= 1
    }

    func markdown(command: String) -> String {
        let header = ["Exp", "Model", "Input size", "Parameters (fused)", "GFLOPs (fused)",
                      "P val", "P test",
                      "R val", "R test", "mAP val", "mAP test", "Model size (MB)", "Cos-LR",
                      "Label smoothing", "Multi-scale", "Train time (h)"]
        let metricColumns: [(AblationRecord) -> Double] = [
            { $0.val.precision }, { $0.test.precision }, { $0.val.recall }, { $0.test.recall },
            { $0.val.mapAt50To95 }, { $0.test.mapAt50To95 },
        ]
        let best = metricColumns.map { column in records.map(column).max() ?? 0 }
        var lines = ["# \(plan.title)", ""] + budgetLines + ["",
            "mAP is mAP@0.5:0.95 (mAP@0.5 is in the CSV). Best value of each metric column "
                + "in bold.", "",
            "| " + header.joined(separator: " | ") + " |",
            "|" + String(repeating: " --- |", count: header.count)]
        for record in records {
            let metrics = metricColumns.enumerated().map { index, column in
                let value = String(format: "%.3f", column(record))
                return column(record) == best[index] && records.count > 1 ? "**\(value)**" : value
            }
            let cells = ["\(record.experiment)", record.model, "\(record.imageSize)",
                         Self.grouped(record.parameters), String(format: "%.3g", record.gflops)]
                + metrics + [String(format: "%.1f", record.modelSizeMB),
                             Self.mark(record.cosineLearningRate),
                             record.labelSmoothing > 0 ? "\(record.labelSmoothing)" : "-",
                             Self.mark(record.multiScale),
                             String(format: "%.3f", record.trainHours)]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        if !missing.isEmpty {
            let numbers = missing.map(String.init).joined(separator: ", ")
            lines += ["", "Not yet run: experiments \(numbers)."]
        }
        lines += ["", "Reproduce: `\(command)`", "",
                  "Full budget, on a machine with a CUDA GPU and a CUDA libtorch (see the "
                    + "README): `maskface ablate \(plan.file) --device cuda`", "",
                  "The seed report's figures for these experiments are not part of this "
                    + "repository, so no column compares with them."]
        return lines.joined(separator: "\n") + "\n"
    }

    func csv() -> String {
        let header = "exp,name,model,input_size,parameters,gflops,precision_val,precision_test,"
            + "recall_val,recall_test,map50_val,map50_test,map50_95_val,map50_95_test,"
            + "model_size_mb,cos_lr,label_smoothing,multi_scale,train_hours,epochs,fraction"
        let rows = records.map { r in
            let numbers: [Double] = [r.val.precision, r.test.precision, r.val.recall,
                                     r.test.recall, r.val.mapAt50, r.test.mapAt50,
                                     r.val.mapAt50To95, r.test.mapAt50To95, r.modelSizeMB]
            return ["\(r.experiment)", r.name, r.model, "\(r.imageSize)", "\(r.parameters)",
                    String(format: "%.2f", r.gflops)]
                + numbers.map { String(format: "%.4f", $0) }
                + ["\(r.cosineLearningRate)", "\(r.labelSmoothing)", "\(r.multiScale)",
                   String(format: "%.4f", r.trainHours), "\(r.budget.epochs)",
                   "\(r.budget.fraction)"]
        }
        return ([header] + rows.map { $0.joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    func chart() throws -> Image {
        let values = records.map { (label: "exp\($0.experiment)",
                                    values: [$0.val.mapAt50To95, $0.test.mapAt50To95]) }
        return try BarChart.draw(title: "\(plan.name): mAP@0.5:0.95 per experiment",
                                 groups: values, seriesNames: ["val", "test"])
    }

    static func mark(_ flag: Bool) -> String { flag ? "yes" : "-" }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
