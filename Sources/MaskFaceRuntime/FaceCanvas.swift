import MaskFaceVision

/// Places a tightly cropped face photo (mfr2's 160 x 160 aligned crops, passport-style
/// pictures) in the middle of a larger gray canvas, so that a detector trained on scene
/// photos, where faces are a small part of the picture, finds it.
///
/// The canvas is `factor` times the photo's longer side, square, gray 114 like the
/// letterbox. Boxes found on the canvas map back to photo pixels with `photoBox`.
public struct FaceCanvas: Sendable, Equatable {
    /// Canvas side over photo side. Measured on the 74 mfr2-dev crops with the trained
    /// yolov5n at 320 px: the detector finds exactly one face in 36 of them as given, 52 on
    /// a 2x canvas, 67 on 3x, 71 on 4x (a 160 px crop becomes an 80 px face in the input,
    /// the size of a near face in the training photos).
    public static let defaultFactor = 4.0

    public let photoWidth: Int
    public let photoHeight: Int
    public let side: Int
    public let left: Int
    public let top: Int

    public init(photoWidth: Int, photoHeight: Int, factor: Double = defaultFactor) {
        self.photoWidth = photoWidth
        self.photoHeight = photoHeight
        side = Int((Double(max(photoWidth, photoHeight)) * factor).rounded())
        left = (side - photoWidth) / 2
        top = (side - photoHeight) / 2
    }

    /// The canvas with the photo pasted in its middle.
    public func apply(to photo: Image) throws -> Image {
        try photo.padded(top: top, bottom: side - photoHeight - top, left: left,
                         right: side - photoWidth - left, color: .letterboxGray)
    }

    /// A canvas box in photo pixels, clipped to the photo.
    public func photoBox(_ box: PixelBox) -> PixelBox {
        let (left, top) = (Double(left), Double(top))
        return PixelBox(x1: box.x1 - left, y1: box.y1 - top, x2: box.x2 - left,
                        y2: box.y2 - top)
            .clipped(width: Double(photoWidth), height: Double(photoHeight))
    }
}
