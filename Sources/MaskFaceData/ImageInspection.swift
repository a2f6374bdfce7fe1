import MaskFaceVision

/// Image checks the dataset tools share.
public enum ImageInspection {
    /// Decodes the image fully (a truncated JPEG fails here, not in training) and returns
    /// its size in pixels; a bad image is a one-line `SourceProblem` naming it.
    public static func decodedSize(_ path: String) throws -> (width: Int, height: Int) {
        let image = try decode(path)
        return (image.width, image.height)
    }

    /// The image as 3-channel BGR; failures are `SourceProblem`s naming the path.
    public static func decode(_ path: String) throws -> Image {
        do {
            return try Image(contentsOf: path)
        } catch let error as VisionError {
            let prefix = path + ": "
            let reason = error.message.hasPrefix(prefix)
                ? String(error.message.dropFirst(prefix.count)) : error.message
            throw SourceProblem(path: path, problem: reason)
        }
    }
}
