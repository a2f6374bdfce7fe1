import MaskFaceVision

/// A box in pixels on the image being augmented, with its class. Augmentation works in
/// pixel xyxy so that warps can move corners; `BoxLabel` (normalised cx, cy, w, h) is
/// only for files and batches.
public struct PixelLabel: Sendable, Equatable {
    public var classIndex: Int
    public var box: PixelBox

    public init(classIndex: Int, box: PixelBox) {
        self.classIndex = classIndex
        self.box = box
    }

    /// From a label normalised to an image of `width` x `height`.
    public init(_ label: BoxLabel, width: Int, height: Int) {
        self.init(classIndex: label.classIndex,
                  box: label.corners(imageWidth: width, imageHeight: height))
    }

    /// Normalised to an image of `width` x `height`.
    public func normalized(width: Int, height: Int) -> BoxLabel {
        BoxLabel(classIndex: classIndex, corners: box, imageWidth: width, imageHeight: height)
    }

    /// The label moved by `transform`: the box enclosing its transformed corners.
    public func transformed(by transform: ProjectiveTransform) -> PixelLabel {
        PixelLabel(classIndex: classIndex, box: transform.transformed(box))
    }
}

/// Which transformed boxes are still worth training on, as YOLOv5's `box_candidates`
/// decides: at least `minimumSide` pixels wide and high, at least `minimumAreaRatio` of
/// the area the box would have had without clipping (its original area times the
/// transform's area scale), and no more elongated than `maximumAspectRatio`.
public struct BoxCandidateFilter: Sendable {
    public var minimumSide: Double
    public var minimumAreaRatio: Double
    public var maximumAspectRatio: Double

    /// YOLOv5's thresholds: 2 px, 10 % of the area, aspect ratio 100.
    public static let standard = BoxCandidateFilter(minimumSide: 2, minimumAreaRatio: 0.1,
                                                    maximumAspectRatio: 100)

    public init(minimumSide: Double, minimumAreaRatio: Double, maximumAspectRatio: Double) {
        self.minimumSide = minimumSide
        self.minimumAreaRatio = minimumAreaRatio
        self.maximumAspectRatio = maximumAspectRatio
    }

    /// Whether `new` (transformed and clipped) may stand for `original`, whose area the
    /// transform multiplied by `areaScale`.
    public func keeps(original: PixelBox, new: PixelBox, areaScale: Double) -> Bool {
        let epsilon = 1e-16
        let width = new.width, height = new.height
        let aspect = max(width / (height + epsilon), height / (width + epsilon))
        let originalArea = original.width * original.height * areaScale
        return width > minimumSide && height > minimumSide
            && width * height / (originalArea + epsilon) > minimumAreaRatio
            && aspect < maximumAspectRatio
    }

    /// Transforms every label, clips it to `width` x `height` and keeps the candidates.
    public func transform(_ labels: [PixelLabel], by transform: ProjectiveTransform,
                          width: Int, height: Int) -> [PixelLabel] {
        labels.compactMap { label in
            let moved = transform.transformed(label.box)
                .clipped(width: Double(width), height: Double(height))
            guard keeps(original: label.box, new: moved, areaScale: transform.areaScale)
            else { return nil }
            return PixelLabel(classIndex: label.classIndex, box: moved)
        }
    }
}
