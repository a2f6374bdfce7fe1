import Testing

@testable import MaskFaceVision

@Suite("Drawing")
struct DrawingTests {
    /// Pixels that differ from the gray background, as (x, y) positions.
    func changedPixels(_ image: Image, background: UInt8 = 50) throws -> [(Int, Int)] {
        let pixels = try image.pixels()
        var changed = [(Int, Int)]()
        for y in 0..<image.height {
            for x in 0..<image.width {
                let offset = (y * image.width + x) * image.channels
                let pixel = pixels[offset..<(offset + image.channels)]
                if pixel.contains(where: { $0 != background }) {
                    changed.append((x, y))
                }
            }
        }
        return changed
    }

    @Test("a rectangle changes its outline and nothing far outside it")
    func drawsRectangle() throws {
        let image = try Image(width: 100, height: 80, fill: Color(gray: 50))
        let box = PixelBox(x1: 20, y1: 30, x2: 60, y2: 50)
        try image.drawRectangle(box, color: Color(red: 255, green: 0, blue: 0), thickness: 2)
        #expect(try image.pixel(x: 20, y: 40) == [0, 0, 255])
        #expect(try image.pixel(x: 40, y: 30) == [0, 0, 255])
        #expect(try image.pixel(x: 40, y: 40) == [50, 50, 50], "inside stays untouched")
        let changed = try changedPixels(image)
        #expect(!changed.isEmpty)
        #expect(changed.allSatisfy { box.contains(PixelPoint(x: Double($0.0), y: Double($0.1)),
                                                  margin: 3) })
    }

    @Test("a detection label fills a band above the box in the box colour")
    func drawsDetectionLabel() throws {
        let image = try Image(width: 200, height: 120, fill: Color(gray: 50))
        let box = PixelBox(x1: 40, y1: 50, x2: 120, y2: 110)
        let green = Color(red: 0, green: 255, blue: 0)
        try image.drawDetection(box, label: "mask 0.87", color: green, lineWidth: 2)
        let extent = try Image.textExtent("mask 0.87", fontScale: 2.0 / 3, thickness: 1)
        // Just above the box's top-left corner is label band, text or background colour.
        let band = PixelBox(
            x1: 40, y1: 50 - Double(extent.height) - 3, x2: 40 + Double(extent.width), y2: 50)
        let changed = try changedPixels(image)
        let inBand = changed.filter { band.contains(PixelPoint(x: Double($0.0), y: Double($0.1))) }
        #expect(inBand.count > extent.width * extent.height / 2, "band mostly painted")
        let grown = PixelBox(x1: box.x1, y1: band.y1, x2: max(box.x2, band.x2), y2: box.y2)
        #expect(changed.allSatisfy { grown.contains(PixelPoint(x: Double($0.0), y: Double($0.1)),
                                                    margin: 3) })
    }

    @Test("lines, circles and text change pixels where drawn")
    func drawsLinesCirclesText() throws {
        let image = try Image(width: 100, height: 100, fill: Color(gray: 50))
        try image.drawLine(from: PixelPoint(x: 10, y: 10), to: PixelPoint(x: 90, y: 10),
                           color: .white, thickness: 1)
        // Anti-aliased: the line's centre row is bright but not always exactly 255.
        #expect(try image.pixel(x: 50, y: 10).allSatisfy { $0 > 150 })
        #expect(try image.pixel(x: 50, y: 14) == [50, 50, 50])
        try image.drawCircle(center: PixelPoint(x: 50, y: 60), radius: 4, color: .white)
        #expect(try image.pixel(x: 50, y: 60) == [255, 255, 255])
        #expect(try image.pixel(x: 50, y: 70) == [50, 50, 50])
        try image.drawText("Hi", at: PixelPoint(x: 5, y: 95), color: .white)
        let changedBelowMiddle = try changedPixels(image).filter { $0.1 > 80 }
        #expect(!changedBelowMiddle.isEmpty)
        #expect(throws: VisionError.self) {
            try image.drawCircle(center: PixelPoint(x: .nan, y: 0), radius: 2, color: .white)
        }
    }
}
