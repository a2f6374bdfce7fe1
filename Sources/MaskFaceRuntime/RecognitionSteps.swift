import MaskFaceCore
import MaskFaceVision

/// The landmarks step: dlib's 68-point shape predictor run inside the detector's box,
/// after mapping that box to the proportions the predictor was trained on.
// Shortcoming: on a masked face the jaw, mouth and nose-tip points are guesses under the
// mask, and dlib's chip alignment uses them; aligning on the eye and brow points only (a
// chip-details variant in the shim) or a mask-aware landmark model would fix the chips.
public struct LandmarkPredictor: Sendable {
    public let shapePredictor: ShapePredictor
    public var boxMapping: LandmarkBoxMapping

    public init(shapePredictor: ShapePredictor, boxMapping: LandmarkBoxMapping = .measured) {
        self.shapePredictor = shapePredictor
        self.boxMapping = boxMapping
    }

    /// Landmarks in image pixels for the face the detector boxed (xyxy pixels).
    public func landmarks(in image: Image, detectorBox: PixelBox) throws -> FaceLandmarks {
        try shapePredictor.landmarks(in: image, box: boxMapping.apply(to: detectorBox))
    }
}

/// The face chip step: the face rotated upright and scaled to dlib's 150 x 150 chip with
/// a 0.25 padding, the input its recognition network was trained on.
public enum FaceChipExtractor {
    public static func chip(from image: Image, landmarks: FaceLandmarks) throws -> Image {
        try FaceChip.extract(image: image, landmarks: landmarks,
                             size: FaceChip.recognitionSize, padding: FaceChip.recognitionPadding)
    }
}

/// The descriptor step: dlib's ResNet turns a face chip into a 128-D descriptor.
public struct DescriptorExtractor: Sendable {
    public let encoder: FaceEncoder
    /// dlib's jitter count: 0 is one forward pass; more averages shifted copies, slower.
    public var jitters: Int

    public init(encoder: FaceEncoder, jitters: Int = 0) {
        self.encoder = encoder
        self.jitters = jitters
    }

    public func descriptor(for chip: Image) throws -> FaceDescriptor {
        try encoder.descriptor(for: chip, jitters: jitters)
    }

    /// Descriptors of several chips in one batched forward pass, in order.
    public func descriptors(for chips: [Image]) throws -> [FaceDescriptor] {
        try encoder.descriptors(for: chips, jitters: jitters)
    }
}

/// dlib's two model files, loaded from the model folder (flag, `MASKFACE_MODELS`, or the
/// default); a missing file throws `ModelFolderError`, which names `scripts/setup.sh`.
public struct DlibModels: Sendable {
    public let landmarks: LandmarkPredictor
    public let descriptor: DescriptorExtractor

    public init(folder: ModelFolder, boxMapping: LandmarkBoxMapping = .measured) throws {
        let predictor = try ShapePredictor(contentsOf: try folder.landmarksModel())
        let encoder = try FaceEncoder(contentsOf: try folder.recognitionModel())
        landmarks = LandmarkPredictor(shapePredictor: predictor, boxMapping: boxMapping)
        descriptor = DescriptorExtractor(encoder: encoder)
    }

    public init(landmarks: LandmarkPredictor, descriptor: DescriptorExtractor) {
        self.landmarks = landmarks
        self.descriptor = descriptor
    }

    /// The same models with another detector-box mapping for the landmarks step.
    public func with(boxMapping: LandmarkBoxMapping) -> DlibModels {
        var landmarks = self.landmarks
        landmarks.boxMapping = boxMapping
        return DlibModels(landmarks: landmarks, descriptor: descriptor)
    }
}
