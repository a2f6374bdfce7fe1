import MaskFaceVision

/// Finds the one face of a portrait-style photo (an enrollment photo, or a query photo in
/// `recognize --aligned`), handling tight face crops that a scene-trained detector misses.
///
/// As given first (unless `aligned`): one face is used, several are a problem, none sends
/// the photo to a `FaceCanvas`. On the canvas of an aligned crop, which holds one face by
/// definition, the most confident detection wins; when the detector finds nothing even
/// there, the crop itself is taken as the face (`alignedFaceBox`) and the class is unknown.
public struct PhotoFaceLocator {
    /// Where the face came from.
    public enum Source: String, Sendable {
        /// The detector found it in the photo as given.
        case detector
        /// The detector found it after the photo was placed on a canvas.
        case canvas
        /// The photo was taken as the face (aligned crop, nothing detected).
        case wholePhoto = "whole-photo"
    }

    /// The face found: `box` is in pixels of `image`, which is the photo or its canvas
    /// (landmarks and the face chip are taken there); `photoBox` is in photo pixels.
    public struct Located {
        public let image: Image
        public let box: PixelBox
        public let photoBox: PixelBox
        /// nil when the whole crop was taken as the face.
        public let detection: DetectedFace?
        public let source: Source
    }

    /// The detector-style box of the face in an aligned crop, as fractions of the crop's
    /// width and height: the median of the trained detector's boxes on the 4x canvases of
    /// mfr2-dev (0.18, 0.33, 0.79, 1.0). Its face box starts near the eyes, as the Kaggle
    /// annotations it learned from do.
    public static let alignedFaceBox = (x1: 0.18, y1: 0.33, x2: 0.79, y2: 1.0)

    public let detector: FaceDetector

    public init(detector: FaceDetector) {
        self.detector = detector
    }

    /// The face of `photo`, or a `RuntimeError` naming `path` and why there is none.
    public func locate(in photo: Image, path: String, aligned: Bool) throws -> Located {
        if !aligned {
            let faces = DetectedFace.distinctFaces(try detector.detect(in: photo).faces)
            if faces.count > 1 {
                throw RuntimeError(path, "\(faces.count) faces found, expected one")
            }
            if let face = faces.first {
                return Located(image: photo, box: face.box, photoBox: face.box, detection: face,
                               source: .detector)
            }
        }
        let canvas = FaceCanvas(photoWidth: photo.width, photoHeight: photo.height)
        let canvasImage = try canvas.apply(to: photo)
        let faces = DetectedFace.distinctFaces(try detector.detect(in: canvasImage).faces)
        if faces.count > 1, !aligned {
            throw RuntimeError(path, "\(faces.count) faces found, expected one")
        }
        if let face = faces.first {
            return Located(image: canvasImage, box: face.box,
                           photoBox: canvas.photoBox(face.box), detection: face, source: .canvas)
        }
        guard aligned else {
            throw RuntimeError(path, "no face found (for a tight face crop, try --aligned)")
        }
        let fraction = Self.alignedFaceBox
        let photoBox = PixelBox(
            x1: fraction.x1 * Double(photo.width), y1: fraction.y1 * Double(photo.height),
            x2: fraction.x2 * Double(photo.width), y2: fraction.y2 * Double(photo.height))
        let (left, top) = (Double(canvas.left), Double(canvas.top))
        let box = PixelBox(x1: photoBox.x1 + left, y1: photoBox.y1 + top,
                           x2: photoBox.x2 + left, y2: photoBox.y2 + top)
        return Located(image: canvasImage, box: box, photoBox: photoBox, detection: nil,
                       source: .wholePhoto)
    }
}
