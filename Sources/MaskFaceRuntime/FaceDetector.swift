import Foundation
import MaskFaceVision

/// The detector step: a YOLOv5 face-mask model exported to ONNX, run with OpenCV's DNN.
///
/// The ONNX contract (YOLOv5's exporter, and MaskFace's): input `images` [1, 3, S, S],
/// float RGB in 0...1; output `output0` [1, N, 5 + classes], rows already decoded as
/// `cx, cy, w, h` in input pixels, objectness, class scores (after the sigmoid), with
/// N = 3 x ((S/8)² + (S/16)² + (S/32)²): 6300 rows at S = 320, 1575 at 160. Classes are
/// `mask` (0) and `nomask` (1).
///
/// Not `Sendable`: the OpenCV network keeps its input and output between calls.
public final class FaceDetector {
    public struct Result: Sendable {
        public let faces: [DetectedFace]
        /// Pre-process, inference and NMS seconds.
        public let timings: StageTimings
    }

    public let modelPath: String
    /// Model input side S in pixels.
    public let inputSize: Int
    /// A note for the user when the requested size could not be used (static model).
    public let inputSizeNote: String?
    public var options: NonMaxSuppression.Options
    private let network: DNNNetwork
    private let outputName: String
    private let rowLength: Int

    /// Loads `modelPath`. A dynamic model runs at `requestedSize` (640 when nil); a static
    /// one at its own size, with `inputSizeNote` saying so when the request differed.
    /// A missing file throws naming the export command that makes one.
    public init(modelPath: String, requestedSize: Int? = nil,
                options: NonMaxSuppression.Options = .detect) throws
    {
        guard FileManager.default.fileExists(atPath: modelPath) else {
            throw RuntimeError(modelPath, "detector model not found; pass --weights "
                + "MODEL.onnx, exported from a trained checkpoint (YOLOv5's "
                + "'export.py --include onnx --imgsz 320'), or place it at this path")
        }
        let info = try ONNXModelInfo(contentsOf: modelPath)
        let size = try Self.inputSize(of: info, path: modelPath, requested: requestedSize)
        inputSize = size.value
        inputSizeNote = size.note
        rowLength = try Self.checkClasses(of: info, path: modelPath)
        outputName = info.outputs.first?.name ?? "output0"
        self.modelPath = modelPath
        self.options = options
        network = try DNNNetwork(onnxPath: modelPath)
    }

    /// Rows N the contract expects at input side `size` (strides 8, 16, 32, 3 anchors).
    public static func expectedRows(inputSize size: Int) -> Int {
        [8, 16, 32].reduce(0) { $0 + 3 * (size / $1) * (size / $1) }
    }

    /// Faces in a BGR image, highest confidence first.
    public func detect(in image: Image) throws -> Result {
        var timings = StageTimings()
        let letterbox = LetterboxPlacement(
            originalWidth: image.width, originalHeight: image.height, targetWidth: inputSize,
            targetHeight: inputSize)
        let input = try timings.measure(.preprocess) {
            try letterbox.apply(to: image).tensor()
        }
        let output = try timings.measure(.inference) { try decodedOutput(for: input) }
        let faces = timings.measure(.nms) {
            NonMaxSuppression.run(rows: output.values, rowLength: rowLength, options: options)
                .compactMap { box -> DetectedFace? in
                    guard let faceClass = FaceClass(classIndex: box.classIndex) else { return nil }
                    let inputBox = PixelBox(x1: Double(box.x1), y1: Double(box.y1),
                                            x2: Double(box.x2), y2: Double(box.y2))
                    return DetectedFace(box: letterbox.toOriginalCentred(inputBox),
                                        confidence: box.confidence, faceClass: faceClass)
                }
        }
        return Result(faces: faces, timings: timings)
    }

    /// The network's decoded output [1, N, 5 + classes] for an input tensor
    /// [1, 3, S, S] (RGB 0...1); checks the row count against the contract.
    public func decodedOutput(for input: FloatTensor) throws -> FloatTensor {
        let output = try network.run(input, outputName: outputName)
        let rows = Self.expectedRows(inputSize: inputSize)
        guard output.shape == [1, rows, rowLength] else {
            throw RuntimeError(modelPath, "output \(outputName) has shape \(output.shape), "
                + "expected [1, \(rows), \(rowLength)] for a \(inputSize) px input")
        }
        return output
    }

    private static func inputSize(of info: ONNXModelInfo, path: String, requested: Int?)
        throws -> (value: Int, note: String?)
    {
        guard let input = info.inputs.first, input.shape.count == 4 else {
            throw RuntimeError(path, "expected one input [1, 3, S, S], found "
                + "\(info.inputs.map { "\($0.name) \($0.shape)" })")
        }
        if let height = input.shape[2], let width = input.shape[3] {
            guard height == width, height % 32 == 0 else {
                throw RuntimeError(path, "input \(height)x\(width) is not square and a "
                    + "multiple of 32")
            }
            let note = requested.flatMap { $0 == height ? nil :
                "\(path) is a static \(height) px model; --img \($0) ignored" }
            return (height, note)
        }
        // Shortcoming: no dynamic-shape export has been run through OpenCV 4.6 here yet;
        // a test with one (export.py --dynamic) would confirm this path.
        let size = requested ?? 640
        guard size > 0, size % 32 == 0 else {
            throw RuntimeError(path, "input size \(size) is not a positive multiple of 32")
        }
        return (size, nil)
    }

    /// Row length 5 + classes; the model must have YOLOv5's mask, nomask classes.
    private static func checkClasses(of info: ONNXModelInfo, path: String) throws -> Int {
        let names = info.classNames
        if !names.isEmpty, names != FaceClass.allCases.map(\.rawValue) {
            throw RuntimeError(path, "model classes \(names), expected [mask, nomask]")
        }
        if let output = info.outputs.first, output.shape.count == 3, let last = output.shape[2] {
            guard last == 5 + FaceClass.allCases.count else {
                throw RuntimeError(path, "output rows have \(last) values, expected 7 "
                    + "(box, objectness, mask, nomask)")
            }
        }
        return 5 + FaceClass.allCases.count
    }
}
