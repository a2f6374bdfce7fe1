import MaskFaceCore
import MaskFaceRuntime
import MaskFaceVision

/// Options and set-up shared by `enroll`, `gallery` and `recognize`.
enum RecognizeOptions {
    /// The detector file looked for in the model folder when `--weights` is not given.
    static let defaultDetectorName = "maskface-detector.onnx"

    static let gallery = OptionSpec.value(
        "gallery", "FILE", help: "Face gallery (default: ~/.local/share/maskface/gallery.sqlite).")
    static let models = OptionSpec.value(
        "models", "DIR", help: "Folder holding the model files "
            + "(default: $MASKFACE_MODELS, else ~/.local/share/maskface/models).")
    static let weights = OptionSpec.value(
        "weights", "MODEL.onnx", help: "Detector exported to ONNX "
            + "(default: \(defaultDetectorName) in the model folder).")
    static let imageSize = OptionSpec.value(
        "img", "PIXELS",
        help: "Detector input size (default 640); a static model keeps its own, with a note.")
    static let confidence = OptionSpec.value(
        "conf", "SCORE", default: "0.25", help: "Detection confidence threshold.")
    static let iou = OptionSpec.value(
        "iou", "IOU", default: "0.45", help: "NMS IoU threshold.")
    static let threads = OptionSpec.value(
        "threads", "N", help: "OpenCV threads (default: OpenCV's choice).")
    static let aligned = OptionSpec.flag(
        "aligned", help: "Photos are tight face crops (e.g. 160x160 aligned faces): place "
            + "them on a larger canvas for the detector, and take the whole crop as the face "
            + "when it still finds none.")

    static let detectorOptions = [weights, imageSize, confidence, iou, threads, models]

    static func galleryPath(_ arguments: ParsedArguments, _ context: CommandContext) -> String {
        arguments.string("gallery") ?? FaceGallery.defaultPath(environment: context.environment)
    }

    static func modelFolder(_ arguments: ParsedArguments, _ context: CommandContext)
        -> ModelFolder
    {
        ModelFolder.resolve(flag: arguments.string("models"), environment: context.environment)
    }

    /// The detector from `--weights`, `--img`, `--conf`, `--iou`; sets `--threads` first.
    /// Prints the note when a static model overrides `--img`.
    static func detector(_ arguments: ParsedArguments, _ context: CommandContext) throws
        -> FaceDetector
    {
        if let threads = try arguments.int("threads") {
            guard threads >= 0 else {
                throw UsageError(command: arguments.command, problem: "--threads must be >= 0")
            }
            try OpenCVLibrary.setThreadCount(threads)
        }
        let weights = arguments.string("weights")
            ?? "\(modelFolder(arguments, context).path)/\(defaultDetectorName)"
        let confidence = try arguments.double("conf") ?? 0.25
        let iou = try arguments.double("iou") ?? 0.45
        guard (0...1).contains(confidence), (0...1).contains(iou) else {
            throw UsageError(command: arguments.command,
                             problem: "--conf and --iou must lie in 0...1")
        }
        let options = NonMaxSuppression.Options(
            confidenceThreshold: Float(confidence), iouThreshold: iou)
        let detector = try FaceDetector(
            modelPath: weights, requestedSize: try arguments.int("img"), options: options)
        if let note = detector.inputSizeNote { context.printError("note: \(note)") }
        return detector
    }
}
