import Foundation
import MaskFaceVision

/// Runs the pipeline over a `MediaSource`, writes annotated copies into an output folder,
/// and reports each frame, each skipped file and the end through `Event`s; the caller
/// renders them (the library prints nothing).
///
/// Annotated images keep their file name; a video or camera becomes `<name>.mp4`
/// (MPEG-4 Part 2) at the source's frame rate (30 when it does not say).
///
/// Not `Sendable`: holds the pipeline.
public final class RecognitionSession {
    public enum Event {
        /// One processed image or frame. `frame` is nil for still images.
        case frame(source: String, frame: Int?, result: FrameResult, wallSeconds: Double)
        case skipped(path: String, reason: String)
        /// An annotated file was written.
        case saved(path: String)
    }

    public let pipeline: RecognitionPipeline
    /// Where annotated output goes; nil writes nothing.
    public let outputFolder: String?
    /// Stop a video or camera after this many frames (nil: until the stream ends).
    public var maximumFrames: Int?
    /// Still images are tight face crops: one face each, found on a canvas.
    public var alignedImages = false

    public init(pipeline: RecognitionPipeline, outputFolder: String?, maximumFrames: Int? = nil)
    {
        self.pipeline = pipeline
        self.outputFolder = outputFolder
        self.maximumFrames = maximumFrames
    }

    /// Processes every image or frame of `source`, reporting through `report`.
    public func run(_ source: MediaSource, report: (Event) -> Void) throws {
        if let outputFolder {
            try FileManager.default.createDirectory(
                atPath: outputFolder, withIntermediateDirectories: true)
        }
        switch source {
        case .images(let paths):
            for path in paths { try processImage(path, report: report) }
        case .video(let path):
            try processStream(try VideoReader(path: path), name: path, report: report)
        case .camera(let index):
            let reader: VideoReader
            do {
                reader = try VideoReader(camera: index)
            } catch {
                throw RuntimeError("camera \(index)", "cannot open it; check the index, that "
                    + "/dev/video\(index) exists and that you may read it")
            }
            try processStream(reader, name: "camera\(index)", report: report)
        }
    }

    private func processImage(_ path: String, report: (Event) -> Void) throws {
        let image: Image
        do {
            image = try Image(contentsOf: path)
        } catch {
            report(.skipped(path: path, reason: "not a readable image"))
            return
        }
        let result: FrameResult
        let seconds: Double
        do {
            (result, seconds) = try timed {
                alignedImages
                    ? try pipeline.processAligned(image, path: path) : try pipeline.process(image)
            }
        } catch let error as RuntimeError {
            report(.skipped(path: path, reason: error.problem))
            return
        }
        report(.frame(source: path, frame: nil, result: result, wallSeconds: seconds))
        guard let outputFolder else { return }
        try Annotation.draw(result.faces, on: image)
        let target = "\(outputFolder)/\((path as NSString).lastPathComponent)"
        try image.write(to: target)
        report(.saved(path: target))
    }

    // Shortcoming: frames are read and processed on one thread, so a camera faster than
    // the pipeline queues stale frames in its driver buffer. Reading on a separate thread
    // and keeping only the newest frame would make camera output real time.
    private func processStream(_ reader: VideoReader, name: String, report: (Event) -> Void)
        throws
    {
        var writer: VideoWriter?
        var index = 0
        while maximumFrames.map({ index < $0 }) ?? true, let frame = try reader.nextFrame() {
            let (result, seconds) = try timed { try pipeline.process(frame) }
            report(.frame(source: name, frame: index, result: result, wallSeconds: seconds))
            index += 1
            guard let outputFolder else { continue }
            try Annotation.draw(result.faces, on: frame)
            if writer == nil {
                let stem = ((name as NSString).lastPathComponent as NSString)
                    .deletingPathExtension
                let fps = reader.framesPerSecond > 0 ? reader.framesPerSecond : 30
                writer = try VideoWriter(path: "\(outputFolder)/\(stem).mp4",
                                         framesPerSecond: fps, width: frame.width,
                                         height: frame.height)
            }
            try writer?.write(frame)
        }
        if let writer {
            try writer.close()
            report(.saved(path: writer.path))
        }
    }

    private func timed<Result>(_ body: () throws -> Result) rethrows -> (Result, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let duration = (clock.now - start).components
        return (result, Double(duration.seconds) + Double(duration.attoseconds) * 1e-18)
    }
}
