import Foundation
import MaskFaceCore
import MaskFaceRuntime
import MaskFaceVision

/// `maskface recognize SOURCE`: detect faces, tell masked from unmasked, and name them
/// from the face gallery, in an image, a folder of images, a video file or a camera.
enum RecognizeCommand {
    static let spec = CommandSpec(
        ["recognize"], summary: "Detect, classify and name faces in images, video or a camera.",
        discussion: """
            Prints one JSON line per face, writes annotated images or video into --out, and \
            ends with per-stage latencies and frames per second on standard error. Masked \
            faces are matched against masked enrollments only, unmasked against unmasked. \
            Files that are not images are reported and skipped.
            """,
        options: [
            .value("out", "DIR", default: "runs/recognize", help: "Folder for annotated output."),
            .flag("nosave", help: "Write no annotated output."),
            .flag("no-recognition", help: "Detect and classify only; no names."),
            .value("threshold", "DISTANCE", default: "0.6",
                   help: "Largest descriptor distance that still names a face."),
            .value("max-frames", "N", help: "Stop a video or camera after N frames."),
            RecognizeOptions.aligned, RecognizeOptions.gallery,
        ] + RecognizeOptions.detectorOptions,
        positionals: [PositionalSpec(
            "SOURCE", help: "An image, a folder of images, a video file or a camera index.")]
    ) { arguments, context in
        let (source, ignored) = try MediaSource.resolve(arguments.positional("SOURCE") ?? "")
        if case .camera = source {
            // OpenCV logs its own warnings for a camera that does not open; the error line
            // says it once.
            try OpenCVLibrary.setLogLevel(.error)
        }
        for path in ignored { context.printError("skipped \(path): not an image") }
        let detector = try RecognizeOptions.detector(arguments, context)
        let pipeline = RecognitionPipeline(
            detector: detector, recognition: try recognition(arguments, context))
        let session = RecognitionSession(
            pipeline: pipeline, outputFolder: arguments.flag("nosave") ? nil
                : arguments.string("out"),
            maximumFrames: try arguments.int("max-frames"))
        session.alignedImages = arguments.flag("aligned")
        var table = LatencyTable()
        try session.run(source) { event in
            switch event {
            case .frame(let name, let frame, let result, let seconds):
                table.record(result.timings, wallSeconds: seconds)
                for face in result.faces {
                    context.print(RecognizeOutput.faceLine(source: name, frame: frame, face: face))
                }
            case .skipped(let path, let reason):
                context.printError("skipped \(path): \(reason)")
            case .saved:
                break
            }
        }
        for line in RecognizeOutput.speedTable(
            table, inputSize: detector.inputSize, recognition: pipeline.recognition != nil)
        {
            context.printError(line)
        }
        if let folder = session.outputFolder, table.frameCount > 0 {
            context.printError("Results saved to \(folder)")
        }
        return 0
    }

    /// The dlib models and gallery snapshot, or nil with --no-recognition. Says so when a
    /// class gallery is empty, since every face of that class will then be unknown.
    static func recognition(_ arguments: ParsedArguments, _ context: CommandContext) throws
        -> RecognitionPipeline.Recognition?
    {
        guard !arguments.flag("no-recognition") else { return nil }
        let threshold = try arguments.double("threshold") ?? 0.6
        guard threshold > 0 else {
            throw UsageError(command: arguments.command, problem: "--threshold must be > 0")
        }
        let models = try DlibModels(folder: RecognizeOptions.modelFolder(arguments, context))
        let path = RecognizeOptions.galleryPath(arguments, context)
        // A gallery that does not exist yet is empty; recognizing should not create it.
        let entries = FileManager.default.fileExists(atPath: path)
            ? try FaceGallery(path: path).entries() : []
        let matcher = FaceMatcher(entries: entries, threshold: Float(threshold))
        for faceClass in FaceClass.allCases where matcher.count(of: faceClass) == 0 {
            context.printError("note: the \(faceClass) gallery in \(path) is empty, so "
                + "\(faceClass) faces will be 'unknown'; add people with 'maskface enroll'")
        }
        return RecognitionPipeline.Recognition(models: models, matcher: matcher)
    }
}
