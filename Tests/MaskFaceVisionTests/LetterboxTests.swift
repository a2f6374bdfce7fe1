import Testing

@testable import MaskFaceVision

@Suite struct LetterboxTests {
    @Test(arguments: [
        // original, target, stride → canvas, scale, padding x, y
        (400, 300, 320, nil, 320, 320, 0.8, 0.0, 40.0),
        (300, 400, 320, nil, 320, 320, 0.8, 40.0, 0.0),
        (400, 300, 320, 32, 320, 256, 0.8, 0.0, 8.0),
        (301, 400, 320, nil, 320, 320, 0.8, 39.0, 0.0),
        (100, 50, 320, nil, 320, 320, 3.2, 0.0, 80.0),
    ] as [(Int, Int, Int, Int?, Int, Int, Double, Double, Double)])
    func placesTheImageAsYOLOv5Does(
        width: Int, height: Int, target: Int, stride: Int?, canvasWidth: Int, canvasHeight: Int,
        scale: Double, paddingX: Double, paddingY: Double
    ) throws {
        let image = try Image(width: width, height: height, fill: .white)
        let (canvas, placement) = try Letterbox.fit(image, width: target, height: target,
                                                    minimalStride: stride)
        #expect(canvas.width == canvasWidth && canvas.height == canvasHeight)
        #expect(placement.scale == scale)
        #expect(placement.paddingX == paddingX && placement.paddingY == paddingY)
        if paddingY > 0 {
            #expect(try canvas.pixel(x: canvasWidth / 2, y: 0) == [114, 114, 114])
        }
        let box = PixelBox(x1: 10, y1: 20, x2: 50, y2: 45)
        let back = placement.toOriginal(placement.toCanvas(box))
        #expect(abs(back.x1 - 10) < 1e-9 && abs(back.y2 - 45) < 1e-9)
    }

    /// A 640x480 picture letterboxed to 320: scale 0.5, 320x240, 40 px of gray above and
    /// below; boxes map back exactly.
    @Test func letterboxFollowsYOLOv5() throws {
        let letterbox = LetterboxPlacement(originalWidth: 640, originalHeight: 480,
                                           targetWidth: 320, targetHeight: 320)
        #expect(letterbox.scale == 0.5)
        #expect(letterbox.scaledWidth == 320 && letterbox.scaledHeight == 240)
        #expect(letterbox.top == 40 && letterbox.left == 0)
        let box = letterbox.toOriginalCentred(PixelBox(x1: 10, y1: 50, x2: 110, y2: 290))
        #expect(box == PixelBox(x1: 20, y1: 20, x2: 220, y2: 480))
        let image = try Image(width: 640, height: 480, fill: .white)
        let input = try letterbox.apply(to: image)
        #expect(input.width == 320 && input.height == 320)
        #expect(try input.pixel(x: 5, y: 5) == [114, 114, 114])
        #expect(try input.pixel(x: 5, y: 100) == [255, 255, 255])
    }
}
