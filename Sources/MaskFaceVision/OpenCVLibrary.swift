import CVision

/// Versions and global settings of the native vision libraries.
public enum OpenCVLibrary {
    /// The linked OpenCV's version, e.g. "4.6.0".
    public static var version: String { String(cString: cvision_opencv_version()) }

    /// The dlib version the shim was compiled against, e.g. "19.24.0".
    public static var dlibVersion: String { String(cString: cvision_dlib_version()) }

    /// Threads OpenCV's parallel loops use (resize, colour conversion, DNN forward).
    public static var threadCount: Int { Int(cvision_get_num_threads()) }

    /// Sets OpenCV's thread count (`cv::setNumThreads`); 0 runs its loops serially.
    /// Process-wide: it affects every image operation and network in the process.
    public static func setThreadCount(_ count: Int) throws {
        try callShim("set OpenCV thread count") {
            cvision_set_num_threads(Int32(clamping: count), $0)
        }
    }

    /// How much OpenCV writes to stderr on its own.
    public enum LogLevel: Sendable {
        case silent, error, warning, info
    }

    /// Sets OpenCV's own stderr logging, process-wide. Its default prints a warning when
    /// one video backend fails to open a file before another is tried; MaskFace reports
    /// that failure as a `VisionError` anyway, so tools may silence it. FFmpeg's messages
    /// (e.g. "moov atom not found") bypass this setting.
    public static func setLogLevel(_ level: LogLevel) throws {
        let shimLevel: cvision_log_level =
            switch level {
            case .silent: CVISION_LOG_SILENT
            case .error: CVISION_LOG_ERROR
            case .warning: CVISION_LOG_WARNING
            case .info: CVISION_LOG_INFO
            }
        try callShim("set OpenCV log level") { cvision_set_log_level(shimLevel, $0) }
    }
}
