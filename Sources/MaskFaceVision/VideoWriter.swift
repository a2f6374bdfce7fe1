import CVision

/// Writes BGR frames of one fixed size to a video file through OpenCV's video I/O.
///
/// Not `Sendable`: frames must arrive in order from one owner.
public final class VideoWriter {
    let handle: OpaquePointer
    public let path: String
    public let width: Int
    public let height: Int

    /// Opens `path` for writing. `fourcc` names the codec: "mp4v" (MPEG-4 Part 2, for .mp4)
    /// or "MJPG" (for .avi) work with Debian's OpenCV. Throws, naming the path, when no
    /// backend accepts the codec and container or the folder does not exist.
    public init(path: String, fourcc: String = "mp4v", framesPerSecond: Double,
                width: Int, height: Int) throws
    {
        handle = try makeHandle("open video writer") {
            cvision_video_writer_open(
                path, fourcc, framesPerSecond, Int32(clamping: width), Int32(clamping: height),
                $0, $1)
        }
        self.path = path
        self.width = width
        self.height = height
    }

    deinit { cvision_video_writer_free(handle) }

    /// Appends one frame; it must be `width` x `height` with 3 channels (BGR).
    public func write(_ frame: Image) throws {
        try callShim("write video frame") { cvision_video_writer_write(handle, frame.handle, $0) }
    }

    /// Finishes the file (writes the container's index). Call before reading the file
    /// back; deinit closes it too, but cannot report a failure.
    public func close() throws {
        try callShim("close video writer") { cvision_video_writer_close(handle, $0) }
    }
}
