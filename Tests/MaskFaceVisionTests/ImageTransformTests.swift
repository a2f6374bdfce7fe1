import Testing

@testable import MaskFaceVision

@Suite("Image transforms")
struct ImageTransformTests {
    @Test(
        "resize gives the asked size with every interpolation",
        arguments: [
            (Interpolation.nearest, 32, 20), (.linear, 320, 200), (.cubic, 17, 9),
            (.area, 8, 5),
        ])
    func resizes(interpolation: Interpolation, width: Int, height: Int) throws {
        let image = try coordinateImage(width: 64, height: 40)
        let resized = try image.resized(width: width, height: height, interpolation: interpolation)
        #expect(resized.width == width && resized.height == height && resized.channels == 3)
    }

    @Test("a constant image stays constant through an area resize")
    func areaResizeKeepsFlatColour() throws {
        let flat = try Image(width: 40, height: 30, fill: Color(red: 30, green: 60, blue: 90))
        let small = try flat.resized(width: 10, height: 7, interpolation: .area)
        #expect(try small.pixel(x: 5, y: 3) == [90, 60, 30])
    }

    @Test("BGR to RGB swaps the first and third channels; gray has one channel")
    func convertsColours() throws {
        let image = try coordinateImage(width: 8, height: 6)
        #expect(try image.converted(.bgrToRGB).pixel(x: 3, y: 2) == [5, 2, 3])
        #expect(try image.converted(.bgrToRGB).converted(.rgbToBGR).pixels() == image.pixels())
        let gray = try Image(width: 4, height: 4, fill: .white).converted(.bgrToGray)
        #expect(gray.channels == 1)
        #expect(try gray.pixel(x: 1, y: 1) == [255])
        #expect(try gray.converted(.grayToBGR).pixel(x: 0, y: 0) == [255, 255, 255])
    }

    @Test("pure blue is hue 120 (240 degrees / 2), full saturation and value")
    func convertsToHSV() throws {
        let blue = try Image(width: 2, height: 2, fill: Color(red: 0, green: 0, blue: 255))
        #expect(try blue.converted(.bgrToHSV).pixel(x: 0, y: 0) == [120, 255, 255])
        #expect(throws: VisionError.self) {
            try blue.converted(.bgrToGray).converted(.bgrToHSV)
        }
    }

    @Test("HSV gains: ones change nothing much, value gain 0.5 halves a gray")
    func adjustsHSV() throws {
        let gray = try Image(width: 4, height: 4, fill: Color(gray: 200))
        #expect(try gray.adjustedHSV(hueGain: 1, saturationGain: 1, valueGain: 1).pixels()
            == gray.pixels())
        let darker = try gray.adjustedHSV(hueGain: 1, saturationGain: 1, valueGain: 0.5)
        #expect(try darker.pixel(x: 2, y: 2) == [100, 100, 100])
    }

    @Test("an affine translation moves a known pixel and fills the rest with the border")
    func affineTranslation() throws {
        let image = try coordinateImage(width: 40, height: 30)
        let moved = try image.warpedAffine(
            matrix: [1, 0, 5, 0, 1, 3], width: 40, height: 30, interpolation: .nearest,
            border: Color(gray: 114))
        #expect(try moved.pixel(x: 15, y: 13) == image.pixel(x: 10, y: 10))
        #expect(try moved.pixel(x: 2, y: 1) == [114, 114, 114])
        #expect(throws: VisionError.self) {
            try image.warpedAffine(matrix: [1, 0, 0], width: 40, height: 30)
        }
    }

    @Test("a perspective warp with a translation homography matches the affine one")
    func perspectiveTranslation() throws {
        let image = try coordinateImage(width: 40, height: 30)
        let moved = try image.warpedPerspective(
            matrix: [1, 0, 5, 0, 1, 3, 0, 0, 1], width: 50, height: 35, interpolation: .nearest)
        #expect(moved.width == 50 && moved.height == 35)
        #expect(try moved.pixel(x: 44, y: 32) == image.pixel(x: 39, y: 29))
    }

    @Test("flips mirror columns or rows")
    func flips() throws {
        let image = try coordinateImage(width: 10, height: 6)
        #expect(try image.flipped(.horizontal).pixel(x: 0, y: 2) == image.pixel(x: 9, y: 2))
        #expect(try image.flipped(.vertical).pixel(x: 3, y: 0) == image.pixel(x: 3, y: 5))
    }

    @Test("padding adds a constant border around an unchanged centre")
    func pads() throws {
        let image = try coordinateImage(width: 10, height: 6)
        let padded = try image.padded(top: 1, bottom: 2, left: 3, right: 4)
        #expect(padded.width == 17 && padded.height == 9)
        #expect(try padded.pixel(x: 0, y: 0) == [114, 114, 114])
        #expect(try padded.pixel(x: 3 + 4, y: 1 + 2) == image.pixel(x: 4, y: 2))
    }

    @Test("crop copies a rectangle; one outside the image is an error")
    func crops() throws {
        let image = try coordinateImage(width: 20, height: 10)
        let crop = try image.cropped(to: PixelRect(x: 5, y: 2, width: 4, height: 3))
        #expect(crop.width == 4 && crop.height == 3)
        #expect(try crop.pixel(x: 0, y: 0) == image.pixel(x: 5, y: 2))
        let error = try #require(throws: VisionError.self) {
            try image.cropped(to: PixelRect(x: 18, y: 0, width: 4, height: 3))
        }
        #expect(error.message.contains("not inside the 20x10 image"))
    }

    @Test("paste copies a region into place and leaves the rest alone")
    func pastes() throws {
        let canvas = try Image(width: 30, height: 20, fill: Color(gray: 114))
        let tile = try coordinateImage(width: 10, height: 10)
        try canvas.paste(tile, region: PixelRect(x: 2, y: 3, width: 5, height: 4), atX: 20, y: 10)
        #expect(try canvas.pixel(x: 20, y: 10) == tile.pixel(x: 2, y: 3))
        #expect(try canvas.pixel(x: 24, y: 13) == tile.pixel(x: 6, y: 6))
        #expect(try canvas.pixel(x: 25, y: 13) == [114, 114, 114])
        #expect(throws: VisionError.self) {
            try canvas.paste(tile, region: PixelRect(x: 0, y: 0, width: 10, height: 10),
                             atX: 25, y: 0)
        }
    }

    @Test("tensor conversion gives NCHW RGB scaled to 0...1")
    func convertsToTensor() throws {
        let image = try coordinateImage(width: 6, height: 4)
        let tensor = try image.tensor()
        #expect(tensor.shape == [1, 3, 4, 6])
        let plane = 4 * 6
        let (x, y) = (5, 3)
        // Channel 0 is red = x + y after the swap; channel 2 is blue = x. OpenCV multiplies
        // by the float 1/255 instead of dividing, so allow one float ulp.
        #expect(abs(tensor.values[0 * plane + y * 6 + x] - Float(x + y) / 255) < 1e-7)
        #expect(abs(tensor.values[1 * plane + y * 6 + x] - Float(y) / 255) < 1e-7)
        #expect(abs(tensor.values[2 * plane + y * 6 + x] - Float(x) / 255) < 1e-7)
        let bgr = try image.tensor(scale: 1, swapRedBlue: false)
        #expect(bgr.values[0 * plane + y * 6 + x] == Float(x))
    }
}
