import Foundation
import MaskFaceVision

/// A face found in one image or frame, with its identity when recognition ran.
public struct RecognizedFace: Sendable, Equatable {
    public let detection: DetectedFace
    /// nil when recognition is off.
    public let match: FaceMatcher.Match?
}

/// What the pipeline found in one image or frame, and how long each stage took.
public struct FrameResult: Sendable {
    public let faces: [RecognizedFace]
    public let timings: StageTimings
}

/// The whole chain for one image: detector → landmarks → face chip → descriptor →
/// matcher. With `recognition` nil it runs the detector only.
///
/// Not `Sendable`: the detector's network holds per-call state.
public final class RecognitionPipeline {
    /// The dlib models and the gallery snapshot recognition uses.
    public struct Recognition: Sendable {
        public let models: DlibModels
        public var matcher: FaceMatcher

        public init(models: DlibModels, matcher: FaceMatcher) {
            self.models = models
            self.matcher = matcher
        }
    }

    public let detector: FaceDetector
    public var recognition: Recognition?

    public init(detector: FaceDetector, recognition: Recognition?) {
        self.detector = detector
        self.recognition = recognition
    }

    /// Detects and, when recognition is on, names every face in a BGR image.
    public func process(_ image: Image) throws -> FrameResult {
        let detected = try detector.detect(in: image)
        var timings = detected.timings
        guard let recognition else {
            let faces = detected.faces.map { RecognizedFace(detection: $0, match: nil) }
            return FrameResult(faces: faces, timings: timings)
        }
        // All chips first, then one batched descriptor call: dlib's network costs less
        // per chip in a batch than in separate calls.
        let chips = try timings.measure(.landmarks) {
            try detected.faces.map { face in
                let landmarks = try recognition.models.landmarks.landmarks(
                    in: image, detectorBox: face.box)
                return try FaceChipExtractor.chip(from: image, landmarks: landmarks)
            }
        }
        let descriptors = try timings.measure(.descriptor) {
            try recognition.models.descriptor.descriptors(for: chips)
        }
        let faces = timings.measure(.matching) {
            zip(detected.faces, descriptors).map { face, descriptor in
                RecognizedFace(detection: face, match: recognition.matcher.match(
                    descriptor, faceClass: face.faceClass))
            }
        }
        return FrameResult(faces: faces, timings: timings)
    }

    /// The one face of a tight face crop (`PhotoFaceLocator` with `aligned`), named when
    /// recognition is on; the box is in photo pixels. A crop where the detector finds
    /// nothing is taken whole and matched in the nomask gallery, with confidence 0.
    public func processAligned(_ photo: Image, path: String) throws -> FrameResult {
        var timings = StageTimings()
        let located = try timings.measure(.inference) {
            try PhotoFaceLocator(detector: detector).locate(in: photo, path: path, aligned: true)
        }
        let detection = DetectedFace(
            box: located.photoBox, confidence: located.detection?.confidence ?? 0,
            faceClass: located.detection?.faceClass ?? .nomask)
        guard let recognition else {
            return FrameResult(faces: [RecognizedFace(detection: detection, match: nil)],
                               timings: timings)
        }
        let descriptor = try Self.descriptor(
            of: located.box, in: located.image, models: recognition.models, timings: &timings)
        let match = timings.measure(.matching) {
            recognition.matcher.match(descriptor, faceClass: detection.faceClass)
        }
        return FrameResult(faces: [RecognizedFace(detection: detection, match: match)],
                           timings: timings)
    }

    /// Landmarks, face chip and descriptor of the face in `detectorBox` (xyxy pixels of
    /// `image`), adding the landmarks (with the chip) and descriptor stage times.
    public static func descriptor(
        of detectorBox: PixelBox, in image: Image, models: DlibModels,
        timings: inout StageTimings
    ) throws -> FaceDescriptor {
        let chip = try timings.measure(.landmarks) {
            let landmarks = try models.landmarks.landmarks(in: image, detectorBox: detectorBox)
            return try FaceChipExtractor.chip(from: image, landmarks: landmarks)
        }
        return try timings.measure(.descriptor) { try models.descriptor.descriptor(for: chip) }
    }
}
