import CVision
public enum OpenCVLibrary { public static var version: String { String(cString: cvision_opencv_version()) } }
