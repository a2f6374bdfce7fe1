import CVision

/// A face dlib's detector found: its box and the detector's confidence (the SVM score;
/// above 0 passes the default threshold).
public struct FaceDetection: Sendable, Equatable {
    /// xyxy pixels in the image that was searched.
    public let box: PixelBox
    public let score: Double
}

/// dlib's HOG + linear SVM frontal face detector (`get_frontal_face_detector`).
///
/// The 68-point shape predictor was trained on boxes from this detector, so MaskFace uses
/// it to learn which box the predictor expects. It needs no model file.
///
/// `@unchecked Sendable`: the shim serialises calls on one detector with a mutex.
public final class HOGFaceDetector: @unchecked Sendable {
    let handle: OpaquePointer

    public init() throws {
        handle = try makeHandle("create HOG face detector") {
            cvision_face_detector_create($0, $1)
        }
    }

    deinit { cvision_face_detector_free(handle) }

    /// Faces in a BGR or gray image, strongest first.
    ///
    /// The detector's window is 80x80 pixels, so it misses smaller faces; each `upsample`
    /// step doubles the image first (finding faces down to about 40 px, 20 px, ...) at
    /// roughly 4x the cost. `adjustThreshold` below 0 reports weaker detections.
    public func detect(in image: Image, upsample: Int = 0, adjustThreshold: Double = 0)
        throws -> [FaceDetection]
    {
        var capacity = 64
        while true {
            var boxes = [Double](repeating: 0, count: 4 * capacity)
            var scores = [Double](repeating: 0, count: capacity)
            var found = 0
            try callShim("detect faces (HOG)") {
                cvision_face_detector_detect(
                    handle, image.handle, Int32(clamping: upsample), adjustThreshold, &boxes,
                    &scores, capacity, &found, $0)
            }
            // Rare: more faces than room; run again with room for all of them.
            if found > capacity {
                capacity = found
                continue
            }
            return (0..<found).map { index in
                let box = PixelBox(
                    x1: boxes[4 * index], y1: boxes[4 * index + 1],
                    x2: boxes[4 * index + 2], y2: boxes[4 * index + 3])
                return FaceDetection(box: box, score: scores[index])
            }
        }
    }
}
