import MaskFaceVision

/// One labelled box in YOLO's text format: class, then centre and size normalised to 0..1.
public struct BoxLabel: Sendable, Equatable, Hashable {
    public var classIndex: Int
    /// Box centre and size as fractions of the image width and height.
    public var centerX: Double
    public var centerY: Double
    public var width: Double
    public var height: Double

    public init(classIndex: Int, centerX: Double, centerY: Double, width: Double, height: Double) {
        self.classIndex = classIndex
        self.centerX = centerX
        self.centerY = centerY
        self.width = width
        self.height = height
    }

    /// From pixel corners `x1, y1, x2, y2` on an image of `imageWidth` x `imageHeight`,
    /// with no -1 pixel offset (as the reference conversion of the VOC set).
    public init(classIndex: Int, corners: PixelBox, imageWidth: Int, imageHeight: Int) {
        let width = Double(imageWidth), height = Double(imageHeight)
        self.init(classIndex: classIndex,
                  centerX: (corners.x1 + corners.x2) / 2 / width,
                  centerY: (corners.y1 + corners.y2) / 2 / height,
                  width: (corners.x2 - corners.x1) / width,
                  height: (corners.y2 - corners.y1) / height)
    }

    /// Pixel corners on an image of the given size.
    public func corners(imageWidth: Int, imageHeight: Int) -> PixelBox {
        let width = Double(imageWidth), height = Double(imageHeight)
        return PixelBox(x1: (centerX - self.width / 2) * width,
                        y1: (centerY - self.height / 2) * height,
                        x2: (centerX + self.width / 2) * width,
                        y2: (centerY + self.height / 2) * height)
    }

    /// `class cx cy w h` with six decimals, YOLOv5's label line.
    public var line: String {
        let numbers = [centerX, centerY, width, height].map { formatFraction($0) }
        return "\(classIndex) " + numbers.joined(separator: " ")
    }
}

/// Six decimals without trailing noise, e.g. 0.5 → "0.500000".
func formatFraction(_ value: Double) -> String {
    let scaled = (value * 1_000_000).rounded()
    let whole = Int(scaled) / 1_000_000
    let fraction = abs(Int(scaled) % 1_000_000)
    let sign = scaled < 0 && whole == 0 ? "-" : ""
    let digits = String(fraction)
    return "\(sign)\(whole)." + String(repeating: "0", count: 6 - digits.count) + digits
}
