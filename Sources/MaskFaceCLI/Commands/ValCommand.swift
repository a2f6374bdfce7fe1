import Foundation
import MaskFaceTraining

/// `maskface val`: P, R, mAP@0.5 and mAP@0.5:0.95 of saved weights on a split.
enum ValCommand {
    static let spec = CommandSpec(
        ["val"], summary: "Evaluate weights on a dataset split (P, R, mAP@0.5, mAP@0.5:0.95).",
        options: [
            .value("weights", "PATH", help: "Weights: .pt, .safetensors or a MaskFace checkpoint."),
            .value("data", "PATH", help: "The dataset's data.yaml (or its folder)."),
            .value("split", "NAME", default: "val", help: "val or test (or train)."),
            .value("img", "S", default: "640", help: "Image size in pixels (multiple of 32)."),
            .value("batch", "B", default: "32", help: "Images per batch."),
            .value("conf", "C", default: "0.001", help: "NMS confidence threshold."),
            .value("iou", "T", default: "0.6", help: "NMS IoU threshold."),
            .value("workers", "N", default: "2", help: "Loader threads."),
            .value("threads", "N", help: "libtorch threads (default: the number of cores)."),
            .value("plots", "DIR", help: "Also write PR_curve.png and confusion_matrix.png "
                   + "into DIR."),
        ]
    ) { arguments, context in
        guard let weights = arguments.string("weights"), let data = arguments.string("data")
        else {
            throw UsageError(command: arguments.command, problem: "--weights and --data are "
                             + "required")
        }
        var options = EvaluationOptions(weights: weights, data: data)
        options.split = try arguments.choice("split", from: ["train", "val", "test"]) ?? "val"
        options.imageSize = try arguments.int("img") ?? 640
        options.batchSize = try arguments.int("batch") ?? 32
        options.confidenceThreshold = try arguments.double("conf") ?? 0.001
        options.iouThreshold = try arguments.double("iou") ?? 0.6
        options.workers = try arguments.int("workers") ?? 2
        options.threads = try arguments.int("threads")
            ?? ProcessInfo.processInfo.activeProcessorCount
        let bar = ProgressBar("val", context: context)
        let (result, names) = try Evaluation.run(options, progress: bar.update)
        bar.finish()
        for line in MetricsTable.lines(result, classNames: names) { context.print(line) }
        if let folder = arguments.string("plots") {
            try Evaluation.writePlots(result, classNames: names, to: folder)
            context.print("plots: \(folder)/PR_curve.png, \(folder)/confusion_matrix.png")
        }
        return 0
    }
}

/// YOLOv5's validation table: one row for all classes, then one per class, then speed.
enum MetricsTable {
    static func lines(_ result: ValidationResult, classNames: [String]) -> [String] {
        let metrics = result.metrics
        let header = ["Class", "Images", "Instances", "P", "R", "mAP50", "mAP50-95"]
            .map { $0.leftPadded(11) }.joined()
        var lines = [header, row("all", metrics.imageCount, metrics.labelCount, metrics.precision,
                                 metrics.recall, metrics.mapAt50, metrics.mapAt50To95)]
        for entry in metrics.classes {
            let name = classNames.indices.contains(entry.classIndex)
                ? classNames[entry.classIndex] : "class\(entry.classIndex)"
            lines.append(row(name, metrics.imageCount, entry.labelCount, entry.precision,
                             entry.recall, entry.apAt50, entry.apAt50To95))
        }
        let speed = result.millisecondsPerImage.map { String(format: "%.1f", $0) }
        lines.append("Speed: \(speed[0])ms pre-process, \(speed[1])ms inference, "
                     + "\(speed[2])ms NMS per image")
        return lines
    }

    private static func row(_ name: String, _ images: Int, _ labels: Int, _ precision: Double,
                            _ recall: Double, _ map50: Double, _ map: Double) -> String {
        name.leftPadded(11) + "\(images)".leftPadded(11) + "\(labels)".leftPadded(11)
            + [precision, recall, map50, map].map { String(format: "%11.3f", $0) }.joined()
    }
}
