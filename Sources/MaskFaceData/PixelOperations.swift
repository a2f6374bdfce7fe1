import MaskFaceVision

/// Pixel loops OpenCV has no single call for: an additive hue shift, and the planar RGB
/// layout batches use. Both work on packed bytes from `Image.pixels()`.
enum PixelOperations {
    /// The BGR image with every hue turned by `degrees` (wrapping around the colour
    /// wheel); saturation and value unchanged. OpenCV's 8-bit hue counts 2 degrees a step.
    static func shiftingHue(of image: Image, degrees: Double) throws -> Image {
        let steps = Int((degrees / 2).rounded())
        guard steps % 180 != 0 else { return image }
        let hsv = try image.converted(.bgrToHSV)
        var pixels = try hsv.pixels()
        let table = (0..<256).map { hue in UInt8(((hue + steps) % 180 + 180) % 180) }
        table.withUnsafeBufferPointer { lookup in
            pixels.withUnsafeMutableBufferPointer { buffer in
                guard var hue = buffer.baseAddress, let table = lookup.baseAddress else { return }
                let end = hue + buffer.count
                while hue < end {
                    hue.pointee = table[Int(hue.pointee)]
                    hue += 3
                }
            }
        }
        let shifted = try Image(width: hsv.width, height: hsv.height, channels: 3, pixels: pixels)
        return try shifted.converted(.hsvToBGR)
    }

    /// Writes a BGR image of exactly `size` x `size` into `batch` at `offset` as planar
    /// RGB: the red plane, then green, then blue, each `size * size` bytes, rows top to
    /// bottom. `batch` must already hold `offset + 3 * size * size` bytes.
    static func writePlanarRGB(of image: Image, size: Int, into batch: inout [UInt8],
                               at offset: Int) throws {
        guard image.width == size, image.height == size, image.channels == 3 else {
            throw VisionError(operation: "pack batch image", message: "expected \(size)x\(size)"
                              + " BGR, got \(image.width)x\(image.height)x\(image.channels)")
        }
        let packed = try image.pixels()
        let plane = size * size
        guard offset >= 0, offset + 3 * plane <= batch.count else {
            throw VisionError(operation: "pack batch image",
                              message: "no room for \(3 * plane) bytes at \(offset)")
        }
        batch.withUnsafeMutableBufferPointer { output in
            packed.withUnsafeBufferPointer { input in
                guard let base = output.baseAddress, var source = input.baseAddress else { return }
                // Raw pointer steps: about 100 times faster than subscripts in debug builds.
                var red = base + offset, green = red + plane, blue = green + plane
                let end = source + plane * 3
                while source < end {
                    blue.pointee = source.pointee
                    green.pointee = (source + 1).pointee
                    red.pointee = (source + 2).pointee
                    source += 3
                    red += 1
                    green += 1
                    blue += 1
                }
            }
        }
    }
}
