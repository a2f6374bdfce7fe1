/// A failure reported by OpenCV or dlib through the CVision shim.
///
/// `operation` is what MaskFace was doing ("read image", "load face encoder"); `message`
/// is the shim's one-line reason, which starts with the file path when a file was
/// involved. The description reads like
/// `read image: /data/x.jpg: cannot decode (not an image or corrupt)`.
public struct VisionError: Error, CustomStringConvertible, Sendable, Equatable {
    public let operation: String
    public let message: String

    public init(operation: String, message: String) {
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(operation): \(message)" }
}
