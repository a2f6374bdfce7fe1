import Foundation
import MaskFaceVision

/// A contact sheet of a batch, like YOLOv5's `train_batch0.jpg`: the images in a square
/// grid on white, each with its file name and its boxes drawn with class names, so that
/// labels and augmentation can be checked by eye.
public enum PreviewGrid {
    /// Box colours per class index, BGR-stored: mask green, nomask red.
    public static let classColors = [Color(red: 40, green: 180, blue: 60),
                                     Color(red: 230, green: 40, blue: 40)]

    /// Renders `batch` (square images of `batch.imageSize`), scaled down so the sheet is
    /// at most `maximumSide` pixels wide.
    public static func render(_ batch: DetectionBatch, maximumSide: Int = 1920) throws -> Image {
        let columns = Int(Double(batch.imageCount).squareRoot().rounded(.up))
        let rows = (batch.imageCount + columns - 1) / max(columns, 1)
        let tile = min(batch.imageSize, maximumSide / max(columns, 1))
        let sheet = try Image(width: columns * tile, height: rows * tile, fill: .white)
        let scale = Double(tile) / Double(batch.imageSize)
        var labelsBySlot: [Int: [BoxLabel]] = [:]
        for row in 0..<batch.labelCount {
            let (slot, label) = batch.label(row)
            labelsBySlot[slot, default: []].append(label)
        }
        for slot in 0..<batch.imageCount {
            let image = try Image(width: batch.imageSize, height: batch.imageSize, channels: 3,
                                  pixels: batch.packedBGR(slot))
            let scaled = tile == batch.imageSize
                ? image : try image.resized(width: tile, height: tile, interpolation: .area)
            let originX = (slot % columns) * tile, originY = (slot / columns) * tile
            try sheet.paste(scaled, region: PixelRect(x: 0, y: 0, width: tile, height: tile),
                            atX: originX, y: originY)
            try drawLabels(labelsBySlot[slot] ?? [], on: sheet, originX: originX,
                           originY: originY, size: Double(batch.imageSize) * scale)
            let name = URL(fileURLWithPath: batch.imagePaths[slot]).lastPathComponent
            try sheet.drawText(String(name.prefix(40)),
                               at: PixelPoint(x: Double(originX + 4), y: Double(originY + 14)),
                               fontScale: 0.4, color: Color(gray: 220))
            try sheet.drawRectangle(
                PixelBox(x1: Double(originX), y1: Double(originY),
                         x2: Double(originX + tile - 1),
                         y2: Double(originY + tile - 1)),
                color: .white, thickness: 2)
        }
        return sheet
    }

    private static func drawLabels(_ labels: [BoxLabel], on sheet: Image, originX: Int,
                                   originY: Int, size: Double) throws {
        for label in labels {
            let corners = label.corners(imageWidth: 1, imageHeight: 1)
            let box = PixelBox(
                x1: Double(originX) + corners.x1 * size, y1: Double(originY) + corners.y1 * size,
                x2: Double(originX) + corners.x2 * size, y2: Double(originY) + corners.y2 * size)
            let names = ClassMapping.canonicalNames
            let name = names.indices.contains(label.classIndex)
                ? names[label.classIndex] : "class \(label.classIndex)"
            let color = classColors[label.classIndex % classColors.count]
            try sheet.drawDetection(box, label: name, color: color, lineWidth: 1)
        }
    }
}
