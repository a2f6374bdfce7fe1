import Foundation
import MaskFaceVision

/// Turns photos of one person into gallery entries: find exactly one face
/// (`PhotoFaceLocator`), decide mask or nomask with the detector unless the caller says,
/// compute the descriptor.
///
/// A photo that is not an image, or that shows no face or several, comes back as
/// `PhotoOutcome.skipped` with a one-line reason and does not stop the others. Storing is
/// the caller's: it writes all entries of a run in one gallery transaction.
///
/// Not `Sendable`: holds the detector.
public final class Enroller {
    public enum PhotoOutcome: Sendable {
        /// `box` is in photo pixels; `confidence` is nil when no detection was used.
        case enrolled(GalleryEntry, box: PixelBox, confidence: Float?,
                      from: PhotoFaceLocator.Source)
        case skipped(path: String, reason: String)
    }

    public struct Options: Sendable {
        /// Store every face with this class instead of the detector's.
        public var classOverride: FaceClass?
        /// The photos are tight face crops (see `PhotoFaceLocator`).
        public var aligned: Bool

        public init(classOverride: FaceClass? = nil, aligned: Bool = false) {
            self.classOverride = classOverride
            self.aligned = aligned
        }
    }

    public let locator: PhotoFaceLocator
    public let models: DlibModels

    public init(detector: FaceDetector, models: DlibModels) {
        locator = PhotoFaceLocator(detector: detector)
        self.models = models
    }

    /// The entry for the single face in the photo at `path`, or why there is none.
    public func enroll(photo path: String, name: String, options: Options = Options(),
                       date: Date = Date()) -> PhotoOutcome
    {
        do {
            let photo = try Image(contentsOf: path)
            let face = try locator.locate(in: photo, path: path, aligned: options.aligned)
            guard let faceClass = options.classOverride ?? face.detection?.faceClass else {
                return .skipped(path: path, reason: "no face detected in the aligned crop; "
                    + "pass --mask or --nomask to enroll the whole photo")
            }
            var timings = StageTimings()
            let descriptor = try RecognitionPipeline.descriptor(
                of: face.box, in: face.image, models: models, timings: &timings)
            let entry = GalleryEntry(name: name, faceClass: faceClass, descriptor: descriptor,
                                     source: path, enrolledAt: date)
            return .enrolled(entry, box: face.photoBox, confidence: face.detection?.confidence,
                             from: face.source)
        } catch let error as RuntimeError {
            return .skipped(path: path, reason: error.problem)
        } catch {
            return .skipped(path: path, reason: "\(error)")
        }
    }
}
