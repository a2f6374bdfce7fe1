import MaskFaceVision

/// One batch of training or validation images, ready for the trainer to wrap in tensors.
///
/// Layout follows YOLOv5's collate function:
/// - `pixels`: `[imageCount, 3, imageSize, imageSize]` uint8, RGB planes, contiguous
///   (divide by 255 for the network).
/// - `labelRows`: `[labelCount, 6]` float32, row-major, each row
///   `[imageIndexInBatch, class, cx, cy, w, h]` with the box normalised to `imageSize`.
public struct DetectionBatch: Sendable {
    /// Position of this batch in its epoch, from 0.
    public let index: Int
    public let imageSize: Int
    public let imageCount: Int
    public let pixels: [UInt8]
    public let labelRows: [Float]
    /// Where each image came from, in batch order.
    public let imagePaths: [String]
    /// Validation only: how each original image was placed in its square, to map
    /// predictions back to original pixels. Empty for training batches.
    public let placements: [LetterboxPlacement]

    public static let labelColumns = 6

    public var labelCount: Int { labelRows.count / Self.labelColumns }

    /// Label row `row` as `(imageIndex, classIndex, box)` with the box normalised.
    public func label(_ row: Int) -> (imageIndex: Int, label: BoxLabel) {
        let start = row * Self.labelColumns
        let values = labelRows[start..<start + Self.labelColumns].map(Double.init)
        return (Int(values[0]), BoxLabel(classIndex: Int(values[1]), centerX: values[2],
                                         centerY: values[3], width: values[4],
                                         height: values[5]))
    }

    /// The `imageSize` x `imageSize` x 3 pixels of image `slot` as packed BGR (HWC), the
    /// layout `Image(width:height:channels:pixels:)` takes, for previews and checks.
    public func packedBGR(_ slot: Int) -> [UInt8] {
        let plane = imageSize * imageSize
        let start = slot * plane * 3
        var packed = [UInt8](repeating: 0, count: plane * 3)
        packed.withUnsafeMutableBufferPointer { output in
            pixels.withUnsafeBufferPointer { input in
                guard var target = output.baseAddress, let base = input.baseAddress else { return }
                var red = base + start, green = red + plane, blue = green + plane
                for _ in 0..<plane {
                    target[0] = blue.pointee
                    target[1] = green.pointee
                    target[2] = red.pointee
                    target += 3
                    red += 1
                    green += 1
                    blue += 1
                }
            }
        }
        return packed
    }
}
