import CVision

/// An 8-bit image owned by OpenCV (a `cv::Mat`): 1 channel (gray), 3 (BGR) or 4 (BGRA).
///
/// Colour images are BGR, as OpenCV reads them; convert with `converted(.bgrToRGB)` before
/// handing pixels to code that expects RGB. Pixels are interleaved (HWC), rows top to
/// bottom. Transforms return new images; only drawing and `paste` change pixels in place.
///
/// Not `Sendable`: drawing mutates the pixels without locking. Hand an image to another
/// task only when the sender keeps no reference to it.
public final class Image {
    let handle: OpaquePointer
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// 1 (gray), 3 (BGR) or 4 (BGRA).
    public let channels: Int

    init(owning handle: OpaquePointer) {
        self.handle = handle
        var width: Int32 = 0
        var height: Int32 = 0
        var channels: Int32 = 0
        cvision_image_size(handle, &width, &height, &channels)
        self.width = Int(width)
        self.height = Int(height)
        self.channels = Int(channels)
    }

    deinit { cvision_image_free(handle) }

    /// Reads an image file as 3-channel BGR. Missing, unreadable, corrupt and non-image
    /// files throw a `VisionError` naming the path.
    public convenience init(contentsOf path: String) throws {
        self.init(owning: try makeHandle("read image") { cvision_image_read(path, $0, $1) })
    }

    /// Decodes an encoded image (JPEG, PNG, ...) held in memory, as 3-channel BGR.
    public convenience init(encoded bytes: [UInt8]) throws {
        let handle = try bytes.withUnsafeBufferPointer { buffer in
            try makeHandle("decode image") {
                cvision_image_decode(buffer.baseAddress, buffer.count, $0, $1)
            }
        }
        self.init(owning: handle)
    }

    /// An image filled with one colour.
    public convenience init(width: Int, height: Int, channels: Int = 3, fill: Color = .black)
        throws
    {
        let handle = try makeHandle("create image") {
            cvision_image_create(
                Int32(clamping: width), Int32(clamping: height), Int32(clamping: channels),
                nil, fill.shimComponents, $0, $1)
        }
        self.init(owning: handle)
    }

    /// An image holding a copy of `pixels`: height x width x channels bytes, HWC, rows
    /// packed, in the channel order the caller means (BGR for colour, by convention).
    public convenience init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws {
        guard width > 0, height > 0, pixels.count == width * height * channels else {
            throw VisionError(
                operation: "create image",
                message: "\(pixels.count) bytes do not make a \(width)x\(height) image with"
                    + " \(channels) channels")
        }
        let handle = try pixels.withUnsafeBufferPointer { buffer in
            try makeHandle("create image") {
                cvision_image_create(
                    Int32(clamping: width), Int32(clamping: height), Int32(clamping: channels),
                    buffer.baseAddress, nil, $0, $1)
            }
        }
        self.init(owning: handle)
    }

    /// Writes the image; the extension picks the format (.jpg/.jpeg, .png, .bmp).
    /// `jpegQuality` (0...100) applies to JPEG only. The file appears atomically.
    public func write(to path: String, jpegQuality: Int = 95) throws {
        try callShim("write image") {
            cvision_image_write(handle, path, Int32(clamping: jpegQuality), $0)
        }
    }

    /// A deep copy, so drawing on one does not change the other.
    public func copy() throws -> Image {
        Image(owning: try makeHandle("copy image") { cvision_image_clone(handle, $0, $1) })
    }

    /// All pixels as packed HWC bytes: index `(y * width + x) * channels + c`.
    public func pixels() throws -> [UInt8] {
        let count = width * height * channels
        return try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try callShim("copy image pixels") {
                cvision_image_copy_pixels(handle, buffer.baseAddress, count, $0)
            }
            initialized = count
        }
    }

    /// The channel values of one pixel (BGR order for colour images).
    public func pixel(x: Int, y: Int) throws -> [UInt8] {
        try cropped(to: PixelRect(x: x, y: y, width: 1, height: 1)).pixels()
    }
}
