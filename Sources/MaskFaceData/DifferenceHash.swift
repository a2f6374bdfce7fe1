import MaskFaceVision

/// A 64-bit difference hash (dHash) of an image, for finding near-duplicates.
///
/// The image is made grayscale and shrunk to 9 x 8 pixels with pixel-area averaging
/// (`INTER_AREA`); each of the 8 rows gives 8 bits, one per pair of horizontal
/// neighbours, set when the left pixel is brighter than the right one. Row 0, pair 0 is
/// the most significant bit. Re-encoding, small resizes and brightness changes leave most
/// bits alone, so two images within 2 bits are treated as the same picture.
///
/// The reference split shrank with Lanczos (PIL) rather than `INTER_AREA`, so a few hashes
/// differ from its by a bit or two; exact duplicates hash the same either way.
public enum DifferenceHash {
    /// The hash of the image file at `path`.
    /// - Throws: `SourceProblem` naming the path when the file cannot be decoded.
    public static func of(imageAt path: String) throws -> UInt64 {
        try of(try ImageInspection.decode(path))
    }

    /// The hash of a decoded image (any channel count OpenCV can make gray).
    public static func of(_ image: Image) throws -> UInt64 {
        let gray = image.channels == 1 ? image : try image.converted(.bgrToGray)
        let small = try gray.resized(width: 9, height: 8, interpolation: .area)
        return hash(grayPixels: try small.pixels())
    }

    /// The hash of 9 x 8 gray pixels given row by row.
    static func hash(grayPixels pixels: [UInt8]) -> UInt64 {
        var bits: UInt64 = 0
        for row in 0..<8 {
            for column in 0..<8 {
                let left = pixels[row * 9 + column]
                let right = pixels[row * 9 + column + 1]
                bits = bits << 1 | (left > right ? 1 : 0)
            }
        }
        return bits
    }

    /// The number of differing bits.
    public static func distance(_ first: UInt64, _ second: UInt64) -> Int {
        (first ^ second).nonzeroBitCount
    }
}
