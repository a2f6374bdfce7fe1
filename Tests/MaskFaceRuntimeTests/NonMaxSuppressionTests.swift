import Foundation
import MaskFaceCore
import MaskFaceRuntime
import Testing

/// The Swift NMS keeps what YOLOv5's `non_max_suppression` kept on the forward fixture's
/// `decoded` tensor (`yolov5n-seed0_nms.json` / `.safetensors`, README section 4).
@Suite struct NonMaxSuppressionTests {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let options: NonMaxSuppression.Options
        var description: String { name }
    }

    static let cases = [
        Case(name: "single_label_c005", options: .init(
            confidenceThreshold: 0.005, iouThreshold: 0.45, maximumDetections: 300)),
        Case(name: "agnostic_c005", options: .init(
            confidenceThreshold: 0.005, iouThreshold: 0.45, maximumDetections: 300,
            classAgnostic: true)),
        Case(name: "detect_default", options: .detect),
        Case(name: "val", options: .init(
            confidenceThreshold: 0.001, iouThreshold: 0.6, maximumDetections: 300,
            multiLabel: true)),
    ]

    @Test(arguments: cases)
    func keepsTheFixtureBoxes(_ testCase: Case) throws {
        let decoded = try SafeTensorsFile.read(URL(fileURLWithPath: TestPaths.forwardFixture))
            .floats("decoded")
        let kept = try SafeTensorsFile.read(
            URL(fileURLWithPath: TestPaths.reference + "/yolov5n-seed0_nms.safetensors"))
        let imageLength = decoded.values.count / 2
        for image in 0..<2 {
            let rows = Array(decoded.values[(image * imageLength)..<((image + 1) * imageLength)])
            let ours = NonMaxSuppression.run(rows: rows, rowLength: 7, options: testCase.options)
            let name = "\(testCase.name)_\(image)"
            let expectedCount = kept[name]?.shape.first ?? -1
            #expect(ours.count == expectedCount, "\(name)")
            guard expectedCount > 0, ours.count == expectedCount else { continue }
            let theirs = try kept.floats(name).values
            for (index, box) in ours.enumerated() {
                let row = Array(theirs[(6 * index)..<(6 * index + 6)])
                let values = [box.x1, box.y1, box.x2, box.y2, box.confidence,
                              Float(box.classIndex)]
                let worst = zip(values, row).map { abs($0 - $1) }.max() ?? 0
                #expect(worst <= 1e-4, "\(name) box \(index): \(values) vs \(row)")
            }
        }
    }
}
