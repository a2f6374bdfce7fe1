import MaskFaceVision

/// YOLOv5's letterbox for a square, fixed-size model input: the image scaled to fit
/// `size` x `size` keeping its aspect ratio, centred, the rest filled with gray 114.
///
/// Sizes follow YOLOv5's `letterbox(auto=False, scaleup=True)`: scale
/// r = min(S / h, S / w), scaled size round(w r) x round(h r) (Python's round, half to
/// even), padding split as round(d / 2 ∓ 0.1). Boxes map back as its `scale_boxes` does,
/// from the exact (unrounded) padding, and are clipped to the original image.
public struct Letterbox: Sendable, Equatable {
    /// Model input side in pixels.
    public let size: Int
    /// Original image width and height in pixels.
    public let sourceWidth: Int
    public let sourceHeight: Int
    /// Input pixels per source pixel.
    public let scale: Double
    public let scaledWidth: Int
    public let scaledHeight: Int
    public let top: Int
    public let left: Int

    public init(sourceWidth: Int, sourceHeight: Int, size: Int) {
        self.size = size
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        scale = min(Double(size) / Double(sourceHeight), Double(size) / Double(sourceWidth))
        scaledWidth = Int((Double(sourceWidth) * scale).rounded(.toNearestOrEven))
        scaledHeight = Int((Double(sourceHeight) * scale).rounded(.toNearestOrEven))
        let padX = Double(size - scaledWidth) / 2
        let padY = Double(size - scaledHeight) / 2
        top = Int((padY - 0.1).rounded(.toNearestOrEven))
        left = Int((padX - 0.1).rounded(.toNearestOrEven))
    }

    /// The `size` x `size` model input image (BGR, like `image`).
    public func apply(to image: Image) throws -> Image {
        let scaled = scaledWidth == image.width && scaledHeight == image.height
            ? image : try image.resized(width: scaledWidth, height: scaledHeight)
        return try scaled.padded(
            top: top, bottom: size - scaledHeight - top, left: left,
            right: size - scaledWidth - left, color: .letterboxGray)
    }

    /// A box in model-input pixels (xyxy) as a box in source pixels, clipped to the image.
    public func sourceBox(_ box: PixelBox) -> PixelBox {
        let padX = (Double(size) - Double(sourceWidth) * scale) / 2
        let padY = (Double(size) - Double(sourceHeight) * scale) / 2
        let width = Double(sourceWidth)
        let height = Double(sourceHeight)
        return PixelBox(
            x1: min(max((box.x1 - padX) / scale, 0), width),
            y1: min(max((box.y1 - padY) / scale, 0), height),
            x2: min(max((box.x2 - padX) / scale, 0), width),
            y2: min(max((box.y2 - padY) / scale, 0), height))
    }
}
