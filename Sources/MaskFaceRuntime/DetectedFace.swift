import MaskFaceVision

/// A face the detector found.
public struct DetectedFace: Sendable, Equatable {
    /// xyxy pixels in the image that was searched (not the letterboxed model input).
    public let box: PixelBox
    /// Objectness x class score, 0...1.
    public let confidence: Float
    public let faceClass: FaceClass

    public init(box: PixelBox, confidence: Float, faceClass: FaceClass) {
        self.box = box
        self.confidence = confidence
        self.faceClass = faceClass
    }
}

extension DetectedFace {
    /// One detection per face: YOLOv5's NMS runs per class, so one face can come out both
    /// as `mask` and as `nomask`; here boxes overlapping a more confident one by more than
    /// `iouThreshold` are dropped, whatever their class. Input order is kept otherwise.
    public static func distinctFaces(_ faces: [DetectedFace], iouThreshold: Double = 0.45)
        -> [DetectedFace]
    {
        var kept: [DetectedFace] = []
        for face in faces.sorted(by: { $0.confidence > $1.confidence }) {
            let overlapping = kept.contains {
                $0.box.intersectionOverUnion(face.box) > iouThreshold
            }
            if !overlapping { kept.append(face) }
        }
        return kept
    }
}
