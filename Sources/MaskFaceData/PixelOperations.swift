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
        pixels.withUnsafeMutableBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                buffer[index] = table[Int(buffer[index])]
                index += 3
            }
        }
        let shifted = try Image(width: hsv.width, height: hsv.height, channels: 3, pixels: pixels)
        return try shifted.converted(.hsvToBGR)
    }

    /// Appends a BGR image of exactly `size` x `size` to `batch` as planar RGB: the red
    /// plane, then green, then blue, each `size * size` bytes, rows top to bottom.
    static func appendPlanarRGB(of image: Image, size: Int, to batch: inout [UInt8]) throws {
        guard image.width == size, image.height == size, image.channels == 3 else {
            throw VisionError(operation: "pack batch image", message: "expected \(size)x\(size)"
                              + " BGR, got \(image.width)x\(image.height)x\(image.channels)")
        }
        let packed = try image.pixels()
        let plane = size * size
        let start = batch.count
        batch.append(contentsOf: repeatElement(0, count: plane * 3))
        batch.withUnsafeMutableBufferPointer { output in
            packed.withUnsafeBufferPointer { input in
                for pixel in 0..<plane {
                    let source = pixel * 3
                    output[start + pixel] = input[source + 2]
                    output[start + plane + pixel] = input[source + 1]
                    output[start + 2 * plane + pixel] = input[source]
                }
            }
        }
    }
}
