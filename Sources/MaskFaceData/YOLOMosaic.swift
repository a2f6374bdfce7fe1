import MaskFaceCore
import MaskFaceVision

/// YOLOv5's four-image mosaic (`load_mosaic`): a 2s x 2s canvas of gray 114, a random
/// centre in [s/2, 3s/2] on each axis, and four images (the sample and three drawn at
/// random, repeats allowed) resized so their long side is s, placed top-left, top-right,
/// bottom-left and bottom-right of the centre, each touching it with one corner and
/// cropped by the canvas edge.
///
/// Labels come back in canvas pixels, clipped to the canvas but not yet filtered: the
/// perspective warp that follows crops the middle s x s and filters them once.
enum YOLOMosaic {
    static func combine(
        _ index: Int, of samples: DetectionSamples, size: Int,
        using generator: inout SeededGenerator
    ) throws -> (Image, [PixelLabel]) {
        let canvasSize = 2 * size
        let centerX = Int(generator.uniform(Double(size) / 2...Double(size) * 1.5))
        let centerY = Int(generator.uniform(Double(size) / 2...Double(size) * 1.5))
        let others = (0..<3).map { _ in Int(generator.next() % UInt64(samples.count)) }
        let canvas = try Image(width: canvasSize, height: canvasSize, fill: .letterboxGray)
        var labels: [PixelLabel] = []
        for (position, tileIndex) in ([index] + others).enumerated() {
            let tile = try samples.load(tileIndex, longSide: size, augmenting: true)
            let (target, source) = placement(
                position, width: tile.image.width, height: tile.image.height,
                centerX: centerX, centerY: centerY, canvasSize: canvasSize)
            guard target.width > 0, target.height > 0 else { continue }
            try canvas.paste(tile.image, region: source, atX: target.x, y: target.y)
            let shiftX = Double(target.x - source.x), shiftY = Double(target.y - source.y)
            labels += tile.labels.map { label in
                let box = PixelBox(x1: label.box.x1 + shiftX, y1: label.box.y1 + shiftY,
                                   x2: label.box.x2 + shiftX, y2: label.box.y2 + shiftY)
                return PixelLabel(classIndex: label.classIndex,
                                  box: box.clipped(width: Double(canvasSize),
                                                   height: Double(canvasSize)))
            }
        }
        return (canvas, labels)
    }

    /// Where tile `position` (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) of
    /// `width` x `height` goes on the canvas, and which part of the tile shows.
    static func placement(
        _ position: Int, width: Int, height: Int, centerX: Int, centerY: Int, canvasSize: Int
    ) -> (target: PixelRect, source: PixelRect) {
        let left = position % 2 == 0
        let top = position < 2
        let targetX1 = left ? max(centerX - width, 0) : centerX
        let targetX2 = left ? centerX : min(centerX + width, canvasSize)
        let targetY1 = top ? max(centerY - height, 0) : centerY
        let targetY2 = top ? centerY : min(centerY + height, canvasSize)
        let shownWidth = targetX2 - targetX1, shownHeight = targetY2 - targetY1
        // Left tiles show their right part, top tiles their bottom part.
        let sourceX = left ? width - shownWidth : 0
        let sourceY = top ? height - shownHeight : 0
        return (PixelRect(x: targetX1, y: targetY1, width: shownWidth, height: shownHeight),
                PixelRect(x: sourceX, y: sourceY, width: shownWidth, height: shownHeight))
    }
}
