import Foundation
import Testing

@testable import MaskFaceVision

/// Read-only project data: datasets and reference fixtures (`MASKFACE_SHARED`, else
/// `../shared` beside the repository).
enum SharedData {
    static var root: String {
        let environment = ProcessInfo.processInfo.environment
        let besideRepository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared").path
        return environment["MASKFACE_SHARED"].flatMap { $0.isEmpty ? nil : $0 }
            ?? besideRepository
    }

    static func path(_ relative: String) -> String { root + "/" + relative }

    static let kaggleImage = "datasets/face-mask-kaggle-voc/images/maksssksksss0.jpg"
    static let onnx320 = "fixtures/reference/onnx/yolov5n-seed0-320.onnx"

    /// An mfr2-dev photo: `person` e.g. "JoeBiden", `number` 1-based.
    static func mfr2(_ person: String, _ number: Int) -> String {
        path("datasets/mfr2-dev/\(person)/\(person)_\(String(format: "%04d", number)).png")
    }
}

/// A fresh folder under the system temp directory, removed after `body`.
func withTemporaryDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("maskface-vision-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

/// A BGR image whose pixel (x, y) is (x, y, x + y) modulo 256: every pixel tells where it
/// came from, so moves and channel swaps are easy to check.
func coordinateImage(width: Int, height: Int) throws -> Image {
    var pixels = [UInt8]()
    pixels.reserveCapacity(width * height * 3)
    for y in 0..<height {
        for x in 0..<width {
            pixels += [UInt8(x % 256), UInt8(y % 256), UInt8((x + y) % 256)]
        }
    }
    return try Image(width: width, height: height, channels: 3, pixels: pixels)
}
