import Foundation
import Testing

@testable import MaskFaceVision

@Suite("Image files")
struct ImageFileTests {
    @Test("a Kaggle JPEG reads at the size its VOC annotation gives")
    func readsKaggleJPEG() throws {
        // maksssksksss0.xml: <width>512</width> <height>366</height> <depth>3</depth>.
        let image = try Image(contentsOf: SharedData.path(SharedData.kaggleImage))
        #expect(image.width == 512)
        #expect(image.height == 366)
        #expect(image.channels == 3)
    }

    @Test("an mfr2-dev PNG reads as 160x160 BGR")
    func readsMFR2PNG() throws {
        let image = try Image(contentsOf: SharedData.mfr2("JoeBiden", 2))
        #expect(image.width == 160 && image.height == 160 && image.channels == 3)
    }

    @Test("PNG round trip is exact, JPEG round trip is close")
    func writesAndReadsBack() throws {
        let original = try Image(contentsOf: SharedData.path(SharedData.kaggleImage))
        let pixels = try original.pixels()
        try withTemporaryDirectory { folder in
            try original.write(to: folder + "/copy.png")
            let png = try Image(contentsOf: folder + "/copy.png")
            #expect(try png.pixels() == pixels)

            try original.write(to: folder + "/copy.jpg", jpegQuality: 95)
            let jpeg = try Image(contentsOf: folder + "/copy.jpg")
            #expect(jpeg.width == 512 && jpeg.height == 366)
            let jpegPixels = try jpeg.pixels()
            let meanError = zip(pixels, jpegPixels).reduce(0.0) {
                $0 + abs(Double($1.0) - Double($1.1))
            } / Double(pixels.count)
            #expect(meanError < 4, "JPEG q95 mean absolute error \(meanError)")
            // Atomic write leaves no partial files behind.
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(names == ["copy.jpg", "copy.png"])
        }
    }

    @Test("encoded bytes decode like the file")
    func decodesBytes() throws {
        let path = SharedData.mfr2("JoeBiden", 2)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let decoded = try Image(encoded: bytes)
        #expect(try decoded.pixels() == (try Image(contentsOf: path).pixels()))
    }

    @Test("a corrupt file is an error naming its path, and work goes on")
    func corruptFileFails() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/x.jpg"
            var generator = SystemRandomNumberGenerator()
            let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            try Data(noise).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: VisionError.self) { try Image(contentsOf: path) }
            #expect(error.operation == "read image")
            #expect(error.description.contains(path))
            #expect(error.description.contains("cannot decode"))
            // The process is fine: the next read works.
            #expect(try Image(contentsOf: SharedData.mfr2("JoeBiden", 2)).width == 160)
        }
    }

    @Test("a missing file is an error naming its path")
    func missingFileFails() throws {
        let path = "/nonexistent/maskface/missing.png"
        let error = try #require(throws: VisionError.self) { try Image(contentsOf: path) }
        #expect(error.description == "read image: \(path): no such file")
    }

    @Test("writing to a missing folder or an unknown extension fails naming the path")
    func badWritesFail() throws {
        let image = try Image(width: 4, height: 4)
        let missing = "/nonexistent/maskface/out.png"
        let folderError = try #require(throws: VisionError.self) {
            try image.write(to: missing)
        }
        #expect(folderError.description.contains(missing))
        try withTemporaryDirectory { folder in
            let odd = folder + "/out.unknownformat"
            let formatError = try #require(throws: VisionError.self) {
                try image.write(to: odd)
            }
            #expect(formatError.description.contains(odd))
        }
    }

    @Test("raw pixels go in and come out unchanged, HWC")
    func rawPixelsRoundTrip() throws {
        let image = try coordinateImage(width: 7, height: 5)
        #expect(image.width == 7 && image.height == 5 && image.channels == 3)
        #expect(try image.pixel(x: 6, y: 4) == [6, 4, 10])
        let pixels = try image.pixels()
        #expect(Array(pixels[((4 * 7 + 6) * 3)..<((4 * 7 + 6) * 3 + 3)]) == [6, 4, 10])
        #expect(throws: VisionError.self) {
            try Image(width: 7, height: 5, channels: 3, pixels: [1, 2, 3])
        }
    }
}
