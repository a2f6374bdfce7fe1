import MaskFaceVision

/// Maps a detector box to the box dlib's 68-point shape predictor expects.
///
/// The predictor was trained on boxes from dlib's HOG face detector: roughly square,
/// from the brows to just below the lips, narrower than the whole head. A YOLOv5 face box
/// covers forehead to chin and is taller than wide. Given the wrong box, the predicted
/// points drift and the aligned face chip, hence the descriptor, degrade.
///
/// The mapping moves the box centre by a fraction of the box size and scales each side:
///
///     centre' = centre + (offsetX · w, offsetY · h)
///     w' = scaleX · w,  h' = scaleY · h        (xyxy pixels of the same image)
///
/// `measured` holds the values fitted by `fit(pairs:)` on faces both detectors found
/// (Kaggle scene photos and mfr2-dev photos padded onto a canvas); the measurement is kept
/// as a test (`LandmarkBoxMappingTests`), which refits and checks these constants.
public struct LandmarkBoxMapping: Sendable, Equatable {
    public var offsetX: Double
    public var offsetY: Double
    public var scaleX: Double
    public var scaleY: Double

    public init(offsetX: Double, offsetY: Double, scaleX: Double, scaleY: Double) {
        self.offsetX = offsetX
        self.offsetY = offsetY
        self.scaleX = scaleX
        self.scaleY = scaleY
    }

    /// The detector box unchanged.
    public static let identity = LandmarkBoxMapping(offsetX: 0, offsetY: 0, scaleX: 1, scaleY: 1)

    /// Fitted on the trained yolov5n face-mask detector at 320 px against dlib's HOG boxes:
    /// 45 faces (16 in Kaggle scene photos, 29 in mfr2-dev crops on a 4x canvas). dlib's
    /// box sits 11% of the detector box's height higher, is 4% wider and 10% shorter;
    /// mean IoU with dlib's box rises from 0.65 to about 0.73.
    public static let measured = LandmarkBoxMapping(
        offsetX: 0.000, offsetY: -0.108, scaleX: 1.037, scaleY: 0.895)

    /// The box to give the shape predictor for detector box `box`.
    public func apply(to box: PixelBox) -> PixelBox {
        let center = box.center
        let x = center.x + offsetX * box.width
        let y = center.y + offsetY * box.height
        let halfWidth = scaleX * box.width / 2
        let halfHeight = scaleY * box.height / 2
        return PixelBox(x1: x - halfWidth, y1: y - halfHeight, x2: x + halfWidth,
                        y2: y + halfHeight)
    }

    /// The mapping that best turns each `detector` box into its `dlib` box: per-pair
    /// ratios, combined by their median so that a few poor matches do not pull the fit.
    /// Nil when `pairs` is empty.
    public static func fit(pairs: [(detector: PixelBox, dlib: PixelBox)]) -> LandmarkBoxMapping? {
        let usable = pairs.filter { $0.detector.width > 0 && $0.detector.height > 0 }
        guard !usable.isEmpty else { return nil }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            let middle = sorted.count / 2
            return sorted.count % 2 == 1
                ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        return LandmarkBoxMapping(
            offsetX: median(usable.map { ($0.dlib.center.x - $0.detector.center.x)
                / $0.detector.width }),
            offsetY: median(usable.map { ($0.dlib.center.y - $0.detector.center.y)
                / $0.detector.height }),
            scaleX: median(usable.map { $0.dlib.width / $0.detector.width }),
            scaleY: median(usable.map { $0.dlib.height / $0.detector.height }))
    }
}
