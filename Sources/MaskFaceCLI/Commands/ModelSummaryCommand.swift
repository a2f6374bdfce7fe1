import YOLO

/// `maskface model summary`: YOLOv5's model table and totals for a model file.
enum ModelSummaryCommand {
    static let spec = CommandSpec(
        ["model", "summary"], summary: "Print a model's layers, parameters and GFLOPs.",
        discussion: "Builds the model from its file (bundled yolov5n or yolov5s, or a path) "
            + "and prints one row per layer, then layers, parameters and GFLOPs unfused and "
            + "with Conv+BatchNorm fused, counted as YOLOv5 counts them.",
        options: [
            .value("cfg", "MODEL", default: "yolov5n",
                   help: "Model file: yolov5n, yolov5s or a path to a YOLOv5-schema YAML."),
            .value("nc", "N", default: "2", help: "Number of classes (replaces the file's nc)."),
            .value("img", "PIXELS", default: "640", help: "Square image size for GFLOPs."),
        ]
    ) { arguments, context in
        let command = "maskface model summary"
        let classCount = try arguments.int("nc") ?? 2
        let imageSize = try arguments.int("img") ?? 640
        guard classCount > 0 else {
            throw UsageError(command: command, problem: "--nc must be a positive integer")
        }
        guard imageSize > 0 else {
            throw UsageError(command: command, problem: "--img must be a positive integer")
        }
        let config = try ModelConfig.load(arguments.string("cfg") ?? "yolov5n",
                                          classCount: classCount)
        let summary = try ModelSummary(config: config, imageSize: imageSize)
        for line in summary.lines {
            context.print(line)
        }
        return 0
    }
}
