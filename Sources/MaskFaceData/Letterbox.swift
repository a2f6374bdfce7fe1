import MaskFaceVision

/// Where a letterboxed image sits in its canvas: the scale from original pixels to
/// canvas pixels and the padding added left and top, so that boxes found on the canvas
/// map back to the original image (`toOriginal`) and labels map onto it (`toCanvas`).
///
/// Conventions: pixel xyxy, x right, y down, origin at the top-left corner. A canvas
/// point is `original * scale + padding`.
public struct LetterboxPlacement: Sendable, Equatable {
    public var originalWidth: Int
    public var originalHeight: Int
    public var canvasWidth: Int
    public var canvasHeight: Int
    /// Canvas pixels per original pixel (the same for x and y, up to rounding of the
    /// resized size).
    public var scale: Double
    /// Padding on the left and top, in canvas pixels (YOLOv5's `dw`, `dh`, halved).
    public var paddingX: Double
    public var paddingY: Double

    public init(originalWidth: Int, originalHeight: Int, canvasWidth: Int, canvasHeight: Int,
                scale: Double, paddingX: Double, paddingY: Double) {
        self.originalWidth = originalWidth
        self.originalHeight = originalHeight
        self.canvasWidth = canvasWidth
        self.canvasHeight = canvasHeight
        self.scale = scale
        self.paddingX = paddingX
        self.paddingY = paddingY
    }

    /// A box on the canvas (a prediction) in original pixels, clipped to the original.
    public func toOriginal(_ box: PixelBox) -> PixelBox {
        PixelBox(x1: (box.x1 - paddingX) / scale, y1: (box.y1 - paddingY) / scale,
                 x2: (box.x2 - paddingX) / scale, y2: (box.y2 - paddingY) / scale)
            .clipped(width: Double(originalWidth), height: Double(originalHeight))
    }

    /// A box in original pixels (a label) on the canvas.
    public func toCanvas(_ box: PixelBox) -> PixelBox {
        PixelBox(x1: box.x1 * scale + paddingX, y1: box.y1 * scale + paddingY,
                 x2: box.x2 * scale + paddingX, y2: box.y2 * scale + paddingY)
    }
}

/// YOLOv5's letterbox: resize keeping the aspect ratio, then pad with gray 114 to the
/// target, half the padding on each side.
public enum Letterbox {
    /// Fits `image` into `width` x `height`.
    /// - Parameters:
    ///   - allowUpscaling: false never enlarges (validation: images arrive at their
    ///     long side already, and enlarging would only blur).
    ///   - minimalStride: when set, pads only up to the next multiple of it instead of
    ///     to the full target (YOLOv5's `auto=True`, "rectangular" inference at stride
    ///     32): a 320 x 240 image in a 320 x 320 target stays 320 x 256.
    public static func fit(
        _ image: Image, width: Int, height: Int, allowUpscaling: Bool = true,
        minimalStride: Int? = nil
    ) throws -> (Image, LetterboxPlacement) {
        var ratio = min(Double(width) / Double(image.width),
                        Double(height) / Double(image.height))
        if !allowUpscaling { ratio = min(ratio, 1) }
        let resizedWidth = Int((Double(image.width) * ratio).rounded())
        let resizedHeight = Int((Double(image.height) * ratio).rounded())
        var padWidth = Double(width - resizedWidth), padHeight = Double(height - resizedHeight)
        if let stride = minimalStride, stride > 0 {
            padWidth = padWidth.truncatingRemainder(dividingBy: Double(stride))
            padHeight = padHeight.truncatingRemainder(dividingBy: Double(stride))
        }
        padWidth /= 2
        padHeight /= 2
        let resized = resizedWidth == image.width && resizedHeight == image.height
            ? image : try image.resized(width: resizedWidth, height: resizedHeight)
        // YOLOv5 rounds (pad -/+ 0.1) so an odd total puts the extra pixel right/bottom.
        let top = Int((padHeight - 0.1).rounded()), bottom = Int((padHeight + 0.1).rounded())
        let left = Int((padWidth - 0.1).rounded()), right = Int((padWidth + 0.1).rounded())
        let canvas = top == 0 && bottom == 0 && left == 0 && right == 0
            ? resized : try resized.padded(top: top, bottom: bottom, left: left, right: right)
        let placement = LetterboxPlacement(
            originalWidth: image.width, originalHeight: image.height,
            canvasWidth: canvas.width, canvasHeight: canvas.height, scale: ratio,
            paddingX: Double(left), paddingY: Double(top))
        return (canvas, placement)
    }

    /// `image` resized so that its long side is `longSide` (YOLOv5's `load_image`):
    /// pixel-area averaging when shrinking unless `augmenting`, bilinear otherwise.
    public static func resizeLongSide(_ image: Image, to longSide: Int, augmenting: Bool)
        throws -> Image
    {
        let ratio = Double(longSide) / Double(max(image.width, image.height))
        guard ratio != 1 else { return image }
        let interpolation: Interpolation = augmenting || ratio > 1 ? .linear : .area
        return try image.resized(width: max(Int((Double(image.width) * ratio).rounded()), 1),
                                 height: max(Int((Double(image.height) * ratio).rounded()), 1),
                                 interpolation: interpolation)
    }
}
