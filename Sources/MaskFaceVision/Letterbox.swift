/// Where a letterboxed image sits in its canvas: the scale from original pixels to
/// canvas pixels and the padding added around the scaled image, so that boxes found on
/// the canvas map back to the original image (`toOriginal`) and labels map onto it
/// (`toCanvas`).
///
/// Conventions: pixel xyxy, x right, y down, origin at the top-left corner. A canvas
/// point is `original * scale + padding`.
///
/// Sizes follow YOLOv5's `letterbox`: scale r = min(W / w, H / h), scaled size
/// round(w r) x round(h r) (Python's round, half to even), padding split as
/// round(d / 2 ∓ 0.1) so that an odd total puts the extra pixel right and bottom.
public struct LetterboxPlacement: Sendable, Equatable {
    public var originalWidth: Int
    public var originalHeight: Int
    public var canvasWidth: Int
    public var canvasHeight: Int
    /// Canvas pixels per original pixel (the same for x and y, up to rounding of the
    /// scaled size).
    public var scale: Double
    /// The original image's size once scaled, in canvas pixels.
    public var scaledWidth: Int
    public var scaledHeight: Int
    /// Padding on the left and top, in canvas pixels.
    public var left: Int
    public var top: Int

    /// Padding on the left and top as YOLOv5's `dw`, `dh` (halved, then rounded).
    public var paddingX: Double { Double(left) }
    public var paddingY: Double { Double(top) }

    /// The placement of a `originalWidth` x `originalHeight` image fitted into
    /// `targetWidth` x `targetHeight`.
    /// - Parameters:
    ///   - allowUpscaling: false never enlarges (validation: images arrive at their
    ///     long side already, and enlarging would only blur).
    ///   - minimalStride: when set, pads only up to the next multiple of it instead of
    ///     to the full target (YOLOv5's `auto=True`, "rectangular" inference at stride
    ///     32): a 320 x 240 image in a 320 x 320 target stays 320 x 256.
    public init(originalWidth: Int, originalHeight: Int, targetWidth: Int, targetHeight: Int,
                allowUpscaling: Bool = true, minimalStride: Int? = nil) {
        self.originalWidth = originalWidth
        self.originalHeight = originalHeight
        var ratio = min(Double(targetWidth) / Double(originalWidth),
                        Double(targetHeight) / Double(originalHeight))
        if !allowUpscaling { ratio = min(ratio, 1) }
        scale = ratio
        scaledWidth = Int((Double(originalWidth) * ratio).rounded(.toNearestOrEven))
        scaledHeight = Int((Double(originalHeight) * ratio).rounded(.toNearestOrEven))
        var padWidth = Double(targetWidth - scaledWidth)
        var padHeight = Double(targetHeight - scaledHeight)
        if let stride = minimalStride, stride > 0 {
            padWidth = padWidth.truncatingRemainder(dividingBy: Double(stride))
            padHeight = padHeight.truncatingRemainder(dividingBy: Double(stride))
        }
        // YOLOv5 rounds (pad -/+ 0.1) so an odd total puts the extra pixel right/bottom.
        left = Int((padWidth / 2 - 0.1).rounded(.toNearestOrEven))
        top = Int((padHeight / 2 - 0.1).rounded(.toNearestOrEven))
        canvasWidth = scaledWidth + left + Int((padWidth / 2 + 0.1).rounded(.toNearestOrEven))
        canvasHeight = scaledHeight + top + Int((padHeight / 2 + 0.1).rounded(.toNearestOrEven))
    }

    /// The `canvasWidth` x `canvasHeight` canvas: `image` (of the original size) scaled,
    /// then padded with gray 114.
    public func apply(to image: Image) throws -> Image {
        let scaled = scaledWidth == image.width && scaledHeight == image.height
            ? image : try image.resized(width: scaledWidth, height: scaledHeight)
        let right = canvasWidth - scaledWidth - left
        let bottom = canvasHeight - scaledHeight - top
        guard top != 0 || bottom != 0 || left != 0 || right != 0 else { return scaled }
        return try scaled.padded(top: top, bottom: bottom, left: left, right: right,
                                 color: .letterboxGray)
    }

    /// A box on the canvas (a prediction) in original pixels, clipped to the original.
    public func toOriginal(_ box: PixelBox) -> PixelBox {
        PixelBox(x1: (box.x1 - paddingX) / scale, y1: (box.y1 - paddingY) / scale,
                 x2: (box.x2 - paddingX) / scale, y2: (box.y2 - paddingY) / scale)
            .clipped(width: Double(originalWidth), height: Double(originalHeight))
    }

    /// A box on the canvas in original pixels, clipped to the original, with the padding
    /// taken as exactly half of what the unrounded scaled size leaves: YOLOv5's
    /// `scale_boxes` when detect.py maps its predictions back.
    public func toOriginalCentred(_ box: PixelBox) -> PixelBox {
        let padX = (Double(canvasWidth) - Double(originalWidth) * scale) / 2
        let padY = (Double(canvasHeight) - Double(originalHeight) * scale) / 2
        return PixelBox(x1: (box.x1 - padX) / scale, y1: (box.y1 - padY) / scale,
                        x2: (box.x2 - padX) / scale, y2: (box.y2 - padY) / scale)
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
    /// Fits `image` into `width` x `height`; the parameters are `LetterboxPlacement`'s.
    public static func fit(
        _ image: Image, width: Int, height: Int, allowUpscaling: Bool = true,
        minimalStride: Int? = nil
    ) throws -> (Image, LetterboxPlacement) {
        let placement = LetterboxPlacement(
            originalWidth: image.width, originalHeight: image.height, targetWidth: width,
            targetHeight: height, allowUpscaling: allowUpscaling, minimalStride: minimalStride)
        return (try placement.apply(to: image), placement)
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
