import Foundation
import MaskFaceCLI
import MaskFaceVision
import Synchronization
import Testing

/// Runs the real command tree with captured output.
func runMaskFace(_ arguments: [String], environment: [String: String] = [:])
    -> (status: Int32, output: String, errors: String)
{
    let output = Mutex("")
    let errors = Mutex("")
    var merged = ProcessInfo.processInfo.environment
    merged.merge(environment) { $1 }
    let context = CommandContext(
        write: { text in output.withLock { $0 += text } },
        writeError: { text in errors.withLock { $0 += text } },
        environment: merged)
    let status = CLI.main(arguments, context: context)
    return (status, output.withLock { $0 }, errors.withLock { $0 })
}

/// Bad input to `enroll` and `recognize`: each problem gives one line naming the file,
/// the model or the camera, and the good files still go through.
@Suite(.enabled(if: TestPaths.exists(TestPaths.trainedDetector) && SharedModels.dlib != nil))
struct RuntimeCommandTests {
    /// A folder with one scene photo, a text file and a file named .jpg that is not one.
    static func mixedFolder() throws -> String {
        let folder = try TestPaths.temporaryFolder()
        try FileManager.default.copyItem(
            atPath: TestPaths.kaggleImages + "/maksssksksss10.jpg",
            toPath: folder + "/scene.jpg")
        try "hello".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        try "not a jpeg".write(toFile: folder + "/broken.jpg", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func recognizeReportsBadFilesAndEmptyGallery() throws {
        let folder = try Self.mixedFolder()
        let result = runMaskFace(["recognize", folder, "--weights", TestPaths.trainedDetector,
                             "--gallery", folder + "/none.sqlite", "--out", folder + "/out"])
        #expect(result.status == 0, "\(result.errors)")
        let errors = result.errors.split(separator: "\n")
        #expect(errors.filter { $0.hasPrefix("skipped \(folder)/notes.txt:") }.count == 1)
        #expect(errors.filter { $0.hasPrefix("skipped \(folder)/broken.jpg:") }.count == 1)
        #expect(errors.filter { $0.contains("gallery") && $0.contains("is empty") }.count == 2)
        let faces = result.output.split(separator: "\n")
        #expect(!faces.isEmpty)
        #expect(faces.allSatisfy { $0.contains("\"name\": \"unknown\"") })
        #expect(result.errors.contains("Speed: ms per frame at 320x320"))
        #expect(TestPaths.exists(folder + "/out/scene.jpg"))
        #expect(!TestPaths.exists(folder + "/none.sqlite"))
    }

    @Test func enrollSkipsPhotosWithoutExactlyOneFace() throws {
        let folder = try Self.mixedFolder()
        let crowd = TestPaths.kaggleImages + "/maksssksksss11.jpg"
        let photo = TestPaths.mfr2 + "/JoeBiden/JoeBiden_0002.png"
        let gallery = folder + "/gallery.sqlite"
        let result = runMaskFace(["enroll", "Joe", photo, crowd, folder + "/broken.jpg",
                             "--weights", TestPaths.trainedDetector, "--gallery", gallery])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("enrolled Joe nomask \(photo)"))
        let errors = result.errors.split(separator: "\n")
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains {
            $0.hasPrefix("skipped \(crowd):") && $0.contains("faces found")
        })
        #expect(errors.contains { $0.hasPrefix("skipped \(folder)/broken.jpg:") })
        let list = runMaskFace(["gallery", "list", "--gallery", gallery])
        #expect(list.output.contains("Joe"))
    }

    /// A three-frame video: one JSON line per face with its frame number, an annotated
    /// .mp4 in --out, and the speed table counting three frames.
    @Test func recognizeReadsAVideo() throws {
        let folder = try TestPaths.temporaryFolder()
        let frame = try Image(contentsOf: TestPaths.kaggleImages + "/maksssksksss10.jpg")
        let writer = try VideoWriter(path: folder + "/clip.mp4", framesPerSecond: 10,
                                     width: frame.width, height: frame.height)
        for _ in 0..<3 { try writer.write(frame) }
        try writer.close()
        let result = runMaskFace(["recognize", folder + "/clip.mp4", "--no-recognition",
                                  "--weights", TestPaths.trainedDetector,
                                  "--out", folder + "/out"])
        #expect(result.status == 0, "\(result.errors)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.contains { $0.contains("\"frame\": 2") })
        #expect(lines.allSatisfy { $0.contains("\"name\": null") })
        #expect(result.errors.contains("over 3 frames"))
        #expect(TestPaths.exists(folder + "/out/clip.mp4"))
    }

    @Test func galleryListExportAndRemove() throws {
        let folder = try TestPaths.temporaryFolder()
        let gallery = folder + "/gallery.sqlite"
        let photos = ["0002", "0004"].map { TestPaths.mfr2 + "/JoeBiden/JoeBiden_\($0).png" }
        let enroll = runMaskFace(["enroll", "Joe \"JB\"", "--aligned", "--nomask",
                                  "--weights", TestPaths.trainedDetector,
                                  "--gallery", gallery] + photos)
        #expect(enroll.status == 0, "\(enroll.errors)")
        let export = runMaskFace(["gallery", "export", "--gallery", gallery])
        let records = export.output.split(separator: "\n")
        #expect(records.count == 2)
        let record = try JSONSerialization.jsonObject(with: Data(records[0].utf8))
        let fields = try #require(record as? [String: Any])
        #expect(fields["name"] as? String == "Joe \"JB\"")
        #expect(fields["class"] as? String == "nomask")
        #expect((fields["descriptor"] as? [Double])?.count == 128)
        #expect(runMaskFace(["gallery", "remove", "Joe \"JB\"", "--gallery", gallery]).output
            == "removed Joe \"JB\" (2 descriptors)\n")
        let missing = runMaskFace(["gallery", "remove", "Nobody", "--gallery", gallery])
        #expect(missing.status == 1)
        #expect(runMaskFace(["gallery", "list", "--gallery", gallery]).output.contains("empty"))
    }

    @Test(arguments: [
        (["recognize", "/nonexistent/photo.jpg"], "no such file"),
        (["recognize", "9", "--no-recognition"], "camera 9: cannot open it"),
        (["recognize", TestPaths.kaggleImages + "/maksssksksss10.jpg",
          "--weights", "/nonexistent/model.onnx"], "detector model not found"),
        (["recognize", TestPaths.kaggleImages + "/maksssksksss10.jpg",
          "--models", "/nonexistent"], "run scripts/setup.sh"),
    ])
    func failuresGiveOneLine(arguments: [String], message: String) {
        let weights = arguments.contains("--weights")
            ? [] : ["--weights", TestPaths.trainedDetector]
        let result = runMaskFace(arguments + weights)
        #expect(result.status == 1)
        let lines = result.errors.split(separator: "\n")
        #expect(lines.count == 1, "\(lines)")
        #expect(result.errors.contains(message), "\(result.errors)")
    }
}
