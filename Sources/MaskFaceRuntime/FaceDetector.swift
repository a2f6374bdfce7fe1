import Foundation
import MaskFaceVision
import ONNXSupport

/// The detector step: a YOLOv5 face-mask model exported to ONNX, run with OpenCV's DNN.
///
/// The model follows `ONNXContract` (YOLOv5's exporter, and MaskFace's): one input
/// [1, 3, S, S], one output [1, N, 5 + classes] of decoded rows, 6300 rows at S = 320, 1575
/// at 160. Classes are `mask` (0) and `nomask` (1). The input size, output name and class
/// names are read back from the file through libonnx (OpenCV 4.6's DNN module does not
/// report a network's declared input shape).
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
        let summary = try Self.readSummary(modelPath)
        let size = try Self.inputSize(of: summary, path: modelPath, requested: requestedSize)
        inputSize = size.value
        inputSizeNote = size.note
        rowLength = try Self.checkClasses(of: summary, path: modelPath)
        outputName = summary.outputs.first?.name ?? ONNXContract.outputName
        self.modelPath = modelPath
        self.options = options
        network = try DNNNetwork(onnxPath: modelPath)
    }

    /// Rows N the contract expects at input side `size` (strides 8, 16, 32, 3 anchors).
    public static func expectedRows(inputSize size: Int) -> Int {
        ONNXContract.rowCount(imageSize: size, strides: [8, 16, 32], anchorsPerLevel: 3)
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

    /// The model's inputs, outputs and metadata as libonnx reads them.
    private static func readSummary(_ path: String) throws -> ONNXModelSummary {
        do {
            return try ONNXModel(contentsOf: path).summary()
        } catch let error as ONNXError {
            throw RuntimeError(path, "cannot read the ONNX model: \(error.message)")
        }
    }

    private static func inputSize(of summary: ONNXModelSummary, path: String, requested: Int?)
        throws -> (value: Int, note: String?)
    {
        guard let input = summary.inputs.first, input.shape.count == 4 else {
            throw RuntimeError(path, "expected one input [1, 3, S, S], found "
                + "\(summary.inputs.map { "\($0.name) \($0.shape)" })")
        }
        let multiple = ONNXContract.sizeMultiple
        if let height = input.shape[2].size, let width = input.shape[3].size {
            guard height == width, height % multiple == 0 else {
                throw RuntimeError(path, "input \(height)x\(width) is not square and a "
                    + "multiple of \(multiple)")
            }
            let note = requested.flatMap { $0 == height ? nil :
                "\(path) is a static \(height) px model; --img \($0) ignored" }
            return (height, note)
        }
        // Shortcoming: no dynamic-shape export has been run through OpenCV 4.6 here yet;
        // a test with one (export.py --dynamic) would confirm this path.
        let size = requested ?? 640
        guard size > 0, size % multiple == 0 else {
            throw RuntimeError(path, "input size \(size) is not a positive multiple of "
                + "\(multiple)")
        }
        return (size, nil)
    }

    /// Row length 5 + classes; the model must have YOLOv5's mask, nomask classes when its
    /// metadata names any.
    private static func checkClasses(of summary: ONNXModelSummary, path: String) throws -> Int {
        if summary.metadataValue(ONNXContract.namesKey) != nil {
            guard let names = ONNXContract.classNames(in: summary) else {
                throw RuntimeError(path, "metadata '\(ONNXContract.namesKey)' is not of the "
                    + "form {0: 'name', ...}")
            }
            guard names == FaceClass.allCases.map(\.rawValue) else {
                throw RuntimeError(path, "model classes \(names), expected [mask, nomask]")
            }
        }
        let rowLength = ONNXContract.boxColumns + FaceClass.allCases.count
        if let output = summary.outputs.first, output.shape.count == 3,
            let last = output.shape[2].size
        {
            guard last == rowLength else {
                throw RuntimeError(path, "output rows have \(last) values, expected 7 "
                    + "(box, objectness, mask, nomask)")
            }
        }
        return rowLength
    }
}
