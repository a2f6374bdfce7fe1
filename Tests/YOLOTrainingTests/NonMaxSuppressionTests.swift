import Foundation
import MaskFaceCore
import Testing

@testable import Torch
@testable import YOLOTraining

/// Golden checks against `yolov5n-seed0_nms.json` / `_nms.safetensors`: YOLOv5 v7.0's
/// `non_max_suppression` (torchvision NMS) on the forward fixture's `decoded` [2, 6300, 7]
/// under five settings (README section 4).
@Suite("Non-maximum suppression against YOLOv5")
struct NonMaxSuppressionTests {
    let cases: [[String: Any]]
    let kept: NamedTensors
    let decoded: Tensor

    init() throws {
        let summary = try fixtureJSON("yolov5n-seed0_nms.json")
        cases = try #require(summary["cases"] as? [[String: Any]])
        kept = try fixtureTensors("yolov5n-seed0_nms.safetensors")
        decoded = try #require(try fixtureTensors("yolov5n-seed0_forward.safetensors")["decoded"])
    }

    private func settings(_ fixtureCase: [String: Any]) throws -> NonMaxSuppression {
        NonMaxSuppression(
            confidenceThreshold: try #require(fixtureCase["conf_thres"] as? Double),
            iouThreshold: try #require(fixtureCase["iou_thres"] as? Double),
            multiLabel: try #require(fixtureCase["multi_label"] as? Bool),
            classAgnostic: try #require(fixtureCase["agnostic"] as? Bool),
            maxDetections: try #require(fixtureCase["max_det"] as? Int))
    }

    @Test func everyCaseKeepsTheSameBoxes() throws {
        #expect(cases.count == 5)
        var largest = 0.0
        for fixtureCase in cases {
            let name = try #require(fixtureCase["name"] as? String)
            let output = try settings(fixtureCase)(decoded)
            let counts = try integers(fixtureCase["kept_per_image"])
            #expect(output.map { $0.size(0) } == counts, "\(name)")
            for (image, boxes) in output.enumerated() {
                let reference = try #require(kept["\(name)_\(image)"])
                #expect(reference.shape == boxes.shape, "\(name) image \(image)")
                guard reference.shape == boxes.shape, boxes.size(0) > 0 else { continue }
                let difference = try (boxes - reference).abs().max().item()
                largest = Swift.max(largest, difference)
                #expect(difference <= 1e-4, "\(name) image \(image)")
            }
        }
        note("NMS kept boxes", largest)
    }

    @Test func presetsMatchValAndDetect() throws {
        let byName = Dictionary(
            uniqueKeysWithValues: cases.compactMap { c in (c["name"] as? String).map { ($0, c) } })
        #expect(NonMaxSuppression.validation == (try settings(try #require(byName["val"]))))
        #expect(
            NonMaxSuppression.detection
                == (try settings(try #require(byName["detect_default"]))))
    }

    /// Prints the per-image time of the `val` settings; the bound is loose because debug
    /// builds are several times slower than release.
    @Test func validationSettingsRunQuickly() throws {
        let nms = NonMaxSuppression.validation
        let repeats = 5
        let start = Date()
        for _ in 0..<repeats {
            _ = try nms(decoded)
        }
        let perImage = Date().timeIntervalSince(start) / Double(repeats * decoded.size(0))
        print(String(format: "[timing] NMS val settings: %.2f ms per image", perImage * 1000))
        #expect(perImage < 0.5)
    }

    @Test func greedySuppressionByHand() {
        let boxes = [
            BoxCorners(x1: 0, y1: 0, x2: 10, y2: 10),
            BoxCorners(x1: 1, y1: 0, x2: 11, y2: 10),  // IoU 9/11 with the first
            BoxCorners(x1: 20, y1: 20, x2: 30, y2: 30),
            BoxCorners(x1: 5, y1: 0, x2: 15, y2: 10),  // IoU 1/3 with the first
        ]
        #expect(GreedySuppression.keep(boxes: boxes, iouThreshold: 0.5, limit: 10) == [0, 2, 3])
        #expect(GreedySuppression.keep(boxes: boxes, iouThreshold: 0.9, limit: 10) == [0, 1, 2, 3])
        #expect(GreedySuppression.keep(boxes: boxes, iouThreshold: 0.5, limit: 2) == [0, 2])
    }

    @Test func classesDoNotSuppressEachOtherUnlessAgnostic() throws {
        // Two identical boxes, one per class; objectness 0.9.
        let rows: [Float] = [50, 50, 20, 20, 0.9, 0.8, 0.1, 50, 50, 20, 20, 0.9, 0.1, 0.7]
        let predictions = try Tensor(rows, shape: [1, 2, 7])
        var nms = NonMaxSuppression(
            confidenceThreshold: 0.25, iouThreshold: 0.45, multiLabel: false, maxDetections: 10)
        let separate = try nms.detections(in: predictions)[0]
        #expect(separate.map(\.classIndex) == [0, 1])
        #expect(separate.first?.box == BoxCorners(x1: 40, y1: 40, x2: 60, y2: 60))
        nms.classAgnostic = true
        #expect(try nms.detections(in: predictions)[0].count == 1)
        let empty = try NonMaxSuppression.detection(try Tensor.zeros([1, 3, 7]))
        #expect(empty[0].shape == [0, 6])
    }
}
