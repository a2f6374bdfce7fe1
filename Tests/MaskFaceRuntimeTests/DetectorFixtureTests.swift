import Foundation
import MaskFaceCore
import MaskFaceRuntime
import MaskFaceVision
import ONNXSupport
import Testing

/// The detector runs the ONNX files ultralytics exported for the fixture model and gives
/// what cv2.dnn gave in Python (`onnx/onnx_outputs.safetensors`, README section 6).
/// Tolerances from the README: the objectness and class columns of cv2.dnn and
/// onnxruntime agree to 2e-7, so 1e-4 absolute; the box columns are pixels up to ~435
/// that go through exp-like terms, so 5e-6 relative plus 1e-4 absolute.
@Suite struct DetectorFixtureTests {
    static let outputs = TestPaths.reference + "/onnx/onnx_outputs.safetensors"

    @Test(arguments: [320, 160])
    func fixtureModelMatchesCV2DNN(size: Int) throws {
        let model = TestPaths.reference + "/onnx/yolov5n-seed0-\(size).onnx"
        let detector = try FaceDetector(modelPath: model)
        #expect(detector.inputSize == size)
        let fixture = try SafeTensorsFile.read(URL(fileURLWithPath: Self.outputs))
        let inputs = size == 320
            ? try SafeTensorsFile.read(URL(fileURLWithPath: TestPaths.forwardFixture))
                .floats("input")
            : try fixture.floats("input_160")
        let expected = try fixture.floats("cv2dnn_\(size)")
        let imageLength = 3 * size * size
        let outputLength = expected.values.count / 2
        for image in 0..<2 {
            let input = try FloatTensor(
                shape: [1, 3, size, size],
                values: Array(inputs.values[(image * imageLength)..<((image + 1) * imageLength)]))
            let output = try detector.decodedOutput(for: input)
            #expect(output.shape == [1, FaceDetector.expectedRows(inputSize: size), 7])
            let reference = expected.values[(image * outputLength)..<((image + 1) * outputLength)]
            var worstScore: Float = 0
            var boxFailures = 0
            for (index, (ours, theirs)) in zip(output.values, reference).enumerated() {
                if index % 7 < 4 {
                    if abs(ours - theirs) > 1e-4 + 5e-6 * abs(theirs) { boxFailures += 1 }
                } else {
                    worstScore = max(worstScore, abs(ours - theirs))
                }
            }
            #expect(worstScore <= 1e-4, "image \(image): score columns differ by \(worstScore)")
            #expect(boxFailures == 0, "image \(image): \(boxFailures) box values out of tolerance")
        }
    }

    @Test func modelInfoReadsTheContract() throws {
        let path = TestPaths.reference + "/onnx/yolov5n-seed0-160.onnx"
        let info = try ONNXModel(contentsOf: path).summary()
        #expect(info.inputs.first?.name == "images")
        #expect(info.inputs.first?.shape.map(\.size) == [1, 3, 160, 160])
        #expect(info.outputs.first?.name == "output0")
        #expect(info.outputs.first?.shape.map(\.size) == [1, 1575, 7])
        #expect(ONNXContract.classNames(in: info) == ["mask", "nomask"])
        #expect(ONNXContract.stride(in: info) == 32)
    }

    @Test func staticModelKeepsItsSizeWithANote() throws {
        let detector = try FaceDetector(
            modelPath: TestPaths.reference + "/onnx/yolov5n-seed0-160.onnx", requestedSize: 640)
        #expect(detector.inputSize == 160)
        #expect(detector.inputSizeNote?.contains("static 160 px model") == true)
    }

    @Test(arguments: [(640, 25200), (320, 6300), (160, 1575)])
    func expectedRowsFollowTheStrides(size: Int, rows: Int) {
        #expect(FaceDetector.expectedRows(inputSize: size) == rows)
    }
}
