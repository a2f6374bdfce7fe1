import CVision

/// Aligned face chips: the face rotated upright, scaled and cropped so eyes, nose and
/// mouth land where dlib's recognition network expects them.
public enum FaceChip {
    /// dlib's chip size for its recognition network, in pixels.
    public static let recognitionSize = 150
    /// dlib's padding for recognition chips: a quarter of the face width on each side.
    public static let recognitionPadding = 0.25

    /// Extracts a `size` x `size` chip with dlib's `get_face_chip_details` and
    /// `extract_image_chip` (bilinear). `landmarks` must be the 68 or 5 points of dlib's
    /// shape predictors. The chip is BGR like the input; the shim converts it to RGB
    /// wherever dlib needs it.
    public static func extract(image: Image, landmarks: FaceLandmarks,
                               size: Int = recognitionSize,
                               padding: Double = recognitionPadding) throws -> Image
    {
        let coordinates = landmarks.points.flatMap { [$0.x, $0.y] }
        let handle = try makeHandle("extract face chip") {
            cvision_face_chip_extract(
                image.handle, coordinates, landmarks.points.count, Int32(clamping: size),
                padding, $0, $1)
        }
        return Image(owning: handle)
    }
}
