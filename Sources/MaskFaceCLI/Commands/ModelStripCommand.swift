import YOLO

/// `maskface model strip`: the weights alone, ready to ship, like YOLOv5's strip_optimizer.
enum ModelStripCommand {
    static let spec = CommandSpec(
        ["model", "strip"], summary: "Keep only a checkpoint's weights, as a plain state dict.",
        discussion: "Takes the EMA weights when the file has them (as training and YOLOv5 "
            + "do), drops optimizer and training state, and writes a safetensors state dict "
            + "with YOLOv5's key names; --half stores it as float16.",
        options: [
            .value("weights", "FILE", help: "A MaskFace checkpoint or an ultralytics .pt."),
            .value("output", "FILE", help: "Where to write the state dict (.safetensors)."),
            .flag("half", help: "Store floating-point weights as float16."),
        ]
    ) { arguments, context in
        guard let weights = arguments.string("weights"), let output = arguments.string("output")
        else {
            throw UsageError(command: arguments.command,
                             problem: "--weights and --output are required")
        }
        let loaded = try DetectionModel.load(weights)
        try loaded.model.saveStateDict(to: output, half: arguments.flag("half"))
        context.print("wrote \(output): \(loaded.model.parameterCount) parameters, classes "
                      + "\(loaded.classNames.joined(separator: ", ")), "
                      + "\(loaded.weightsSource) weights"
                      + (arguments.flag("half") ? ", float16" : ""))
        return 0
    }
}
