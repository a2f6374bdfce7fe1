import CVision

/// Frames from a video file or a camera, decoded by OpenCV's video I/O (FFmpeg or V4L2).
///
/// Not `Sendable`: reading advances shared decoder state.
public final class VideoReader {
    let handle: OpaquePointer
    /// Where the frames come from: the path, or "camera N".
    public let source: String

    /// Opens a video file; a missing file or one no backend can decode throws,
    /// naming the path.
    public init(path: String) throws {
        handle = try makeHandle("open video") { cvision_video_reader_open_file(path, $0, $1) }
        source = path
    }

    /// Opens camera `index` (0 is the first, /dev/video0 on Linux).
    public init(camera index: Int) throws {
        handle = try makeHandle("open camera") {
            cvision_video_reader_open_camera(Int32(clamping: index), $0, $1)
        }
        source = "camera \(index)"
    }

    deinit { cvision_video_reader_free(handle) }

    /// The container's frame count; nil when it does not say (cameras, some streams).
    /// It is an estimate for some formats: count frames read for an exact number.
    public var frameCount: Int? {
        var count: Int64 = 0
        var known = false
        cvision_video_reader_info(handle, &count, &known, nil, nil, nil)
        return known ? Int(count) : nil
    }

    /// Frames per second as the container or camera reports it (0 when unknown).
    public var framesPerSecond: Double {
        var fps = 0.0
        cvision_video_reader_info(handle, nil, nil, &fps, nil, nil)
        return fps
    }

    /// Frame width and height in pixels.
    public var frameSize: (width: Int, height: Int) {
        var width: Int32 = 0
        var height: Int32 = 0
        cvision_video_reader_info(handle, nil, nil, nil, &width, &height)
        return (Int(width), Int(height))
    }

    /// The next frame as a BGR image, or nil at the end of the stream.
    ///
    /// OpenCV reports a decode failure mid-stream the same way as the end, so a damaged
    /// file ends early instead of throwing.
    public func nextFrame() throws -> Image? {
        var frame: OpaquePointer?
        try callShim("read video frame from \(source)") {
            cvision_video_reader_next(handle, &frame, $0)
        }
        return frame.map { Image(owning: $0) }
    }
}
