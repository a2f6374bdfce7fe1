import Foundation
import Testing

@testable import MaskFaceVision

@Suite("Video")
struct VideoTests {
    @Test(
        "synthetic frames written to a file read back with their count and size",
        arguments: [("mp4v", "mp4"), ("MJPG", "avi")])
    func roundTrip(fourcc: String, fileExtension: String) throws {
        let frameCount = 12
        let (width, height) = (64, 48)
        try withTemporaryDirectory { folder in
            let path = folder + "/clip." + fileExtension
            let writer = try VideoWriter(
                path: path, fourcc: fourcc, framesPerSecond: 10, width: width, height: height)
            for index in 0..<frameCount {
                let level = Double(index * 20)
                try writer.write(try Image(width: width, height: height, fill: Color(gray: level)))
            }
            try writer.close()

            let reader = try VideoReader(path: path)
            #expect(reader.frameCount == frameCount)
            #expect(reader.frameSize.width == width && reader.frameSize.height == height)
            #expect(abs(reader.framesPerSecond - 10) < 0.01)
            var levels = [Int]()
            while let frame = try reader.nextFrame() {
                #expect(frame.width == width && frame.height == height && frame.channels == 3)
                levels.append(Int(try frame.pixel(x: 32, y: 24)[1]))
            }
            #expect(levels.count == frameCount)
            // Lossy codecs: each frame's gray level within a few steps of what was written.
            for (index, level) in levels.enumerated() {
                #expect(abs(level - index * 20) <= 6, "frame \(index): \(level)")
            }
        }
    }

    @Test("a frame of the wrong size is refused")
    func wrongFrameSizeFails() throws {
        try withTemporaryDirectory { folder in
            let writer = try VideoWriter(
                path: folder + "/clip.avi", fourcc: "MJPG", framesPerSecond: 5, width: 32,
                height: 32)
            let error = try #require(throws: VisionError.self) {
                try writer.write(try Image(width: 16, height: 16))
            }
            #expect(error.message.contains("takes 32x32 BGR"))
        }
    }

    @Test("opening a missing video names the path")
    func missingVideoFails() throws {
        let path = "/nonexistent/maskface/clip.mp4"
        let error = try #require(throws: VisionError.self) { try VideoReader(path: path) }
        #expect(error.description == "open video: \(path): no such file")
    }

    @Test("a file that is not a video cannot be opened")
    func notAVideoFails() throws {
        // OpenCV would log each backend's failed attempt; the error below says it once.
        try OpenCVLibrary.setLogLevel(.silent)
        try withTemporaryDirectory { folder in
            let path = folder + "/notes.mp4"
            try Data("not a video at all".utf8).write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: VisionError.self) { try VideoReader(path: path) }
            #expect(error.description.contains(path))
        }
    }

    @Test("a camera that does not exist cannot be opened")
    func missingCameraFails() throws {
        try OpenCVLibrary.setLogLevel(.silent)
        let error = try #require(throws: VisionError.self) { try VideoReader(camera: 97) }
        #expect(error.description.hasPrefix("open camera: camera 97: cannot open"))
    }
}
