import Foundation
import MaskFaceCore
import MaskFaceRuntime
import MaskFaceVision
import YOLOExport

/// Paths of the data the tests read: the shared reference fixtures and data sets, and
/// this target's own fixtures.
enum TestPaths {
    /// `../shared` beside the repository.
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared").path
    static let reference = "\(shared)/fixtures/reference"
    static let mfr2 = "\(shared)/datasets/mfr2-dev"
    static let kaggleImages = "\(shared)/datasets/face-mask-kaggle-voc/images"
    static let forwardFixture = "\(reference)/yolov5n-seed0_forward.safetensors"
    /// The reference run's trained yolov5n face-mask detector (`train-run/best.pt`: 50
    /// epochs at 320 px on the Kaggle set, test mAP@0.5 0.53), exported to ONNX at 320 by
    /// the toolkit's own exporter once per test process; empty when it cannot be made.
    static let trainedDetector: String = {
        let output = NSTemporaryDirectory() + "maskface-runtime-detector-\(UUID().uuidString)"
            + "/yolov5n-mask-320.onnx"
        do {
            try FileManager.default.createDirectory(
                atPath: (output as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            _ = try YOLOExporter.export(weightsAt: reference + "/train-run/best.pt",
                                        to: output, options: ExportOptions(imageSize: 320))
            return output
        } catch {
            return ""
        }
    }()

    static func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// A fresh empty folder under the temporary directory.
    static func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "maskface-runtime-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// dlib's models, loaded once for all tests (loading the ResNet takes about a second).
enum SharedModels {
    static let dlib: DlibModels? = try? DlibModels(folder: ModelFolder.resolve())
}

/// One mfr2-dev photo with its label.
struct LabelledPhoto: Sendable {
    let person: String
    let path: String
    let masked: Bool
}

enum MFR2 {
    /// Every photo listed in `mfr2_labels.txt`, in file order.
    static func photos() throws -> [LabelledPhoto] {
        let text = try String(contentsOfFile: TestPaths.mfr2 + "/mfr2_labels.txt", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard fields.count == 3, let number = Int(fields[1]) else { return nil }
            let name = String(format: "%@_%04d.png", fields[0], number)
            return LabelledPhoto(person: fields[0], path: "\(TestPaths.mfr2)/\(fields[0])/\(name)",
                                 masked: fields[2] != "no-mask")
        }
    }
}
