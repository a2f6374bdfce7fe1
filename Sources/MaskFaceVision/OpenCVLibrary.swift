import CVision

/// Versions and global settings of the native vision libraries.
public enum OpenCVLibrary {
    /// The linked OpenCV's version, e.g. "4.6.0".
    public static var version: String { String(cString: cvision_opencv_version()) }

    /// The dlib version the shim was compiled against, e.g. "19.24.0".
    public static var dlibVersion: String { String(cString: cvision_dlib_version()) }

    /// Threads OpenCV's parallel loops use (resize, colour conversion, DNN forward).
    public static var threadCount: Int { Int(cvision_get_num_threads()) }

    /// Whether OpenCV writes its own warnings to standard error (its default), or only
    /// errors. Process-wide. A camera that fails to open, for example, logs two warnings
    /// besides the error MaskFace reports.
    public static func setWarningsShown(_ shown: Bool) {
        cvision_set_log_warnings(shown)
    }

    /// Sets OpenCV's thread count (`cv::setNumThreads`); 0 runs its loops serially.
    /// Process-wide: it affects every image operation and network in the process.
    public static func setThreadCount(_ count: Int) throws {
        try callShim("set OpenCV thread count") {
            cvision_set_num_threads(Int32(clamping: count), $0)
        }
    }
}
