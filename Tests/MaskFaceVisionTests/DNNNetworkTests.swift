import Foundation
import MaskFaceCore
import Testing

@testable import MaskFaceVision

@Suite("OpenCV DNN")
struct DNNNetworkTests {
    @Test("the 320 YOLOv5n export runs on a letterboxed photo: output [1, 6300, 7]")
    func runsYOLOv5Export() throws {
        let network = try DNNNetwork(onnxPath: SharedData.path(SharedData.onnx320))
        #expect(try network.outputNames() == ["output0"])
        // 512x366 -> 320x229 (scale 0.625), padded to 320x320 with YOLOv5's gray.
        let photo = try Image(contentsOf: SharedData.path(SharedData.kaggleImage))
        let resized = try photo.resized(width: 320, height: 229, interpolation: .area)
        let letterboxed = try resized.padded(top: 45, bottom: 46, left: 0, right: 0)
        #expect(letterboxed.width == 320 && letterboxed.height == 320)
        let output = try network.run(try letterboxed.tensor(), outputName: "output0")
        // 3 anchors x (40^2 + 20^2 + 10^2) cells; cx, cy, w, h, objectness, 2 classes.
        #expect(output.shape == [1, 6300, 7])
        #expect(output.values.allSatisfy { $0.isFinite })
    }

    @Test("outputs match cv2.dnn's on the reference fixture input")
    func matchesReferenceOutputs() throws {
        // yolov5n-seed0_forward.safetensors `input` image 0 and onnx_outputs.safetensors
        // `cv2dnn_320` image 0: Python's cv2.dnn 4.6 on the same file (fixtures README §6).
        let inputs = try SafeTensorsFile.read(URL(fileURLWithPath:
            SharedData.path("fixtures/reference/yolov5n-seed0_forward.safetensors")))
        let outputs = try SafeTensorsFile.read(URL(fileURLWithPath:
            SharedData.path("fixtures/reference/onnx/onnx_outputs.safetensors")))
        let input = try inputs.floats("input")
        let expected = try outputs.floats("cv2dnn_320")
        let imageSize = 3 * 320 * 320
        let rows = 6300 * 7
        let network = try DNNNetwork(onnxPath: SharedData.path(SharedData.onnx320))
        let output = try network.run(
            try FloatTensor(shape: [1, 3, 320, 320], values: Array(input.values[0..<imageSize])))
        #expect(output.shape == [1, 6300, 7])
        // Box columns are pixels up to ~435; allow YOLOv5's rtol 5e-6 + atol 1e-4 plus
        // thread-count noise (README: 1 vs 2 threads moves decoded values by 2.7e-4).
        var worst: Float = 0
        for index in 0..<rows {
            let difference = abs(output.values[index] - expected.values[index])
            worst = max(worst, difference - 5e-6 * abs(expected.values[index]))
        }
        #expect(worst < 5e-4, "largest difference beyond rtol: \(worst)")
    }

    @Test("a garbage file is an error naming its path; so is a missing one")
    func badFilesFail() throws {
        try withTemporaryDirectory { folder in
            let path = folder + "/garbage.onnx"
            try Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
                .write(to: URL(fileURLWithPath: path))
            let error = try #require(throws: VisionError.self) {
                try DNNNetwork(onnxPath: path)
            }
            #expect(error.description.hasPrefix("load ONNX network: \(path): "))
        }
        let missing = "/nonexistent/maskface/model.onnx"
        let error = try #require(throws: VisionError.self) { try DNNNetwork(onnxPath: missing) }
        #expect(error.description == "load ONNX network: \(missing): no such file")
    }

    @Test("OpenCV's thread count can be set and read back")
    func setsThreadCount() throws {
        let before = OpenCVLibrary.threadCount
        defer { try? OpenCVLibrary.setThreadCount(before) }
        try OpenCVLibrary.setThreadCount(1)
        #expect(OpenCVLibrary.threadCount == 1)
        #expect(throws: VisionError.self) { try OpenCVLibrary.setThreadCount(-1) }
    }

    @Test("library versions are Debian's OpenCV 4.6 and dlib 19.24")
    func reportsVersions() {
        #expect(OpenCVLibrary.version.hasPrefix("4.6"))
        #expect(OpenCVLibrary.dlibVersion == "19.24.0")
    }
}
