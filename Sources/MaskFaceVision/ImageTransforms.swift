import CVision

/// Geometry and colour transforms. Each returns a new image and leaves `self` unchanged,
/// except `paste`, which writes into `self`.
extension Image {
    /// Runs a shim transform that produces a new image from this one.
    private func derived(
        _ operation: String,
        _ call: (OpaquePointer, UnsafeMutablePointer<OpaquePointer?>, ShimErrorSlot)
            -> cvision_status
    ) throws -> Image {
        Image(owning: try makeHandle(operation) { call(handle, $0, $1) })
    }

    /// The image scaled to exactly `width` x `height` pixels (aspect ratio not kept).
    public func resized(width: Int, height: Int, interpolation: Interpolation = .linear)
        throws -> Image
    {
        try derived("resize image") {
            cvision_image_resize(
                $0, Int32(clamping: width), Int32(clamping: height), interpolation.shimValue,
                $1, $2)
        }
    }

    public func converted(_ conversion: ColorConversion) throws -> Image {
        try derived("convert image colours") {
            cvision_image_convert_color($0, conversion.shimValue, $1, $2)
        }
    }

    public func flipped(_ axis: FlipAxis = .horizontal) throws -> Image {
        try derived("flip image") { cvision_image_flip($0, axis.shimValue, $1, $2) }
    }

    /// The image inside a constant-colour border of the given widths in pixels
    /// (`cv::copyMakeBorder`); YOLOv5's letterbox pads with gray 114.
    public func padded(
        top: Int, bottom: Int, left: Int, right: Int, color: Color = .letterboxGray
    ) throws -> Image {
        try derived("pad image") {
            cvision_image_pad(
                $0, Int32(clamping: top), Int32(clamping: bottom), Int32(clamping: left),
                Int32(clamping: right), color.shimComponents, $1, $2)
        }
    }

    /// A copy of the pixels inside `rect`, which must lie within the image.
    public func cropped(to rect: PixelRect) throws -> Image {
        try derived("crop image") {
            cvision_image_crop(
                $0, Int32(clamping: rect.x), Int32(clamping: rect.y),
                Int32(clamping: rect.width), Int32(clamping: rect.height), $1, $2)
        }
    }

    /// Affine warp (`cv::warpAffine`). `matrix` is 2x3 row-major, `[a, b, tx, c, d, ty]`,
    /// mapping a source pixel (x, y) to output (a x + b y + tx, c x + d y + ty). The output
    /// is `width` x `height`; pixels no source pixel maps to take `border`.
    public func warpedAffine(
        matrix: [Double], width: Int, height: Int, interpolation: Interpolation = .linear,
        border: Color = .letterboxGray
    ) throws -> Image {
        try checkWarpMatrix(matrix, count: 6, shape: "2x3", operation: "warp image (affine)")
        return try derived("warp image (affine)") {
            cvision_image_warp_affine(
                $0, matrix, Int32(clamping: width), Int32(clamping: height),
                interpolation.shimValue, border.shimComponents, $1, $2)
        }
    }

    /// Perspective warp (`cv::warpPerspective`) with a 3x3 row-major source-to-output
    /// homography; otherwise as `warpedAffine`.
    public func warpedPerspective(
        matrix: [Double], width: Int, height: Int, interpolation: Interpolation = .linear,
        border: Color = .letterboxGray
    ) throws -> Image {
        try checkWarpMatrix(matrix, count: 9, shape: "3x3",
                            operation: "warp image (perspective)")
        return try derived("warp image (perspective)") {
            cvision_image_warp_perspective(
                $0, matrix, Int32(clamping: width), Int32(clamping: height),
                interpolation.shimValue, border.shimComponents, $1, $2)
        }
    }

    /// A warp matrix must have exactly `count` entries; anything else is the caller's bug,
    /// reported before the shim sees it.
    private func checkWarpMatrix(_ matrix: [Double], count: Int, shape: String,
                                 operation: String) throws {
        guard matrix.count == count else {
            throw VisionError(operation: operation,
                              message: "matrix needs \(count) values (\(shape)), "
                                  + "got \(matrix.count)")
        }
    }

    /// Hue, saturation and value multiplied by the gains (1 leaves a channel alone), as
    /// YOLOv5's `augment_hsv` applies them: through lookup tables in OpenCV's 8-bit HSV,
    /// hue wrapping at 180, saturation and value clipped at 255. BGR images only.
    public func adjustedHSV(hueGain: Double, saturationGain: Double, valueGain: Double)
        throws -> Image
    {
        try derived("adjust image HSV") {
            cvision_image_adjust_hsv($0, hueGain, saturationGain, valueGain, $1, $2)
        }
    }

    /// Copies the `region` of `source` into this image with its top-left corner at
    /// (`x`, `y`), in place. Both rectangles must lie inside their images and the channel
    /// counts must match; YOLOv5's mosaic builds its 2x canvas this way.
    public func paste(_ source: Image, region: PixelRect, atX x: Int, y: Int) throws {
        try callShim("paste image") {
            cvision_image_paste(
                handle, Int32(clamping: x), Int32(clamping: y), source.handle,
                Int32(clamping: region.x), Int32(clamping: region.y),
                Int32(clamping: region.width), Int32(clamping: region.height), $0)
        }
    }
}
