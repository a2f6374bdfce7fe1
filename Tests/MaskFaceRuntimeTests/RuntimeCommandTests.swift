import Foundation
import MaskFaceCLI
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
