import MaskFaceCore
import ONNXSupport
import Torch
import YOLO

/// What an export wrote, for the command line's summary line and for tests.
public struct ExportResult: Sendable {
    public let path: String
    public let byteCount: Int
    public let inputShape: [ONNXDimension]
    public let outputShape: [ONNXDimension]
    public let nodeCount: Int
    public let opset: Int
    public let irVersion: Int
    public let classNames: [String]
    public let options: ExportOptions
}

/// Exports a YOLOv5 detector to an ONNX file that follows `ONNXContract`: Conv+BatchNorm
/// fused, the detection head's decoding inside the graph, metadata `stride` and `names`.
///
/// The file is written through a temporary file that libonnx's checker and strict shape
/// inference must accept before it replaces the destination, so a failed export leaves
/// any earlier file in place.
public enum YOLOExporter {
    /// Loads a weights file (ultralytics `.pt`, MaskFace checkpoint, or a safetensors state
    /// dict together with `config`) and exports it.
    public static func export(weightsAt weightsPath: String, config: ModelConfig? = nil,
                              to outputPath: String, options: ExportOptions) throws
        -> ExportResult
    {
        try options.validate()
        let loaded = try DetectionModel.load(weightsPath, config: config)
        return try export(model: loaded.model, classNames: loaded.classNames, to: outputPath,
                          options: options)
    }

    /// Exports `model` (fused first unless it already is) with `classNames` in the metadata.
    public static func export(model: DetectionModel, classNames: [String],
                              to outputPath: String, options: ExportOptions) throws
        -> ExportResult
    {
        let onnx = try makeONNXModel(model: model, classNames: classNames, options: options)
        let byteCount = try onnx.write(to: outputPath)
        let summary = try onnx.summary()
        return ExportResult(
            path: outputPath, byteCount: byteCount,
            inputShape: summary.inputs.first?.shape ?? [],
            outputShape: summary.outputs.first?.shape ?? [],
            nodeCount: summary.nodeOperators.count, opset: options.opset,
            irVersion: options.irVersion, classNames: classNames, options: options)
    }

    /// Builds the ONNX model in memory (checked, not written).
    public static func makeONNXModel(model: DetectionModel, classNames: [String],
                                     options: ExportOptions) throws -> ONNXModel {
        try options.validate()
        try checkCompatible(model, classNames: classNames, options: options)
        let fused = try model.fused()
        let onnx = try ONNXModel(graphName: fused.config.name, irVersion: options.irVersion,
                                 producerName: "maskface",
                                 producerVersion: MaskFaceVersion.current)
        try onnx.importOpset(version: options.opset)
        try declareInterface(onnx, model: fused, classNames: classNames, options: options)
        try emitGraph(onnx, model: fused, options: options)
        try onnx.check()
        return onnx
    }

    private static func checkCompatible(_ model: DetectionModel, classNames: [String],
                                        options: ExportOptions) throws {
        guard classNames.count == model.classCount else {
            throw ExportError(problem: "\(classNames.count) class names for a model with "
                              + "\(model.classCount) classes")
        }
        let largestStride = model.strides.max() ?? ONNXContract.sizeMultiple
        guard options.imageSize % largestStride == 0 else {
            throw ExportError(problem: "image size \(options.imageSize) is not a multiple of "
                              + "the model's largest stride \(largestStride)")
        }
    }

    /// Graph input and output with the contract's names and shapes, and the metadata.
    private static func declareInterface(_ onnx: ONNXModel, model: DetectionModel,
                                         classNames: [String], options: ExportOptions) throws {
        let largestStride = model.strides.max() ?? ONNXContract.sizeMultiple
        try onnx.setMetadata(ONNXContract.strideKey, String(largestStride))
        try onnx.setMetadata(ONNXContract.namesKey, ONNXContract.namesMetadata(classNames))
        try onnx.addValue(.input, name: ONNXContract.inputName, type: .float,
                          shape: ONNXContract.inputShape(imageSize: options.imageSize,
                                                         dynamic: options.dynamic))
        let outputShape = ONNXContract.outputShape(
            imageSize: options.imageSize, classCount: model.classCount, strides: model.strides,
            anchorsPerLevel: model.head.anchorsPerLevel, dynamic: options.dynamic)
        try onnx.addValue(.output, name: ONNXContract.outputName, type: .float,
                          shape: outputShape)
    }

    /// Feature rows, then the head; in float16 a Cast at each end keeps the contract's
    /// float32 input and output.
    // Known shortcoming: float16 files pass the checker and strict shape inference but are
    // not run anywhere here: OpenCV DNN 4.6 refuses FLOAT16 initializers and no other ONNX
    // runtime is installed. Comparing one in onnxruntime with the float32 export would
    // remove this mark.
    private static func emitGraph(_ onnx: ONNXModel, model: DetectionModel,
                                  options: ExportOptions) throws {
        let builder = ONNXGraphBuilder(model: onnx, precision: options.precision)
        let halfPrecision = options.precision == .float16
        var input = ONNXContract.inputName
        if halfPrecision {
            let half = Int(ONNXElementType.float16.rawValue)
            input = try builder.node("Cast", scope: "images", inputs: [input],
                                     attributes: [.int("to", half)])
        }
        let features = FeatureGraphEmitter(builder: builder, weights: model.stateDict())
        let rowOutputs = try features.emitFeatureRows(of: model.config, input: input)
        guard let headPlan = model.config.layers.last else {
            throw ExportError(problem: "the model file has no rows")
        }
        let head = DetectHeadEmitter(features: features, head: model.head, row: headPlan.index,
                                     imageSize: options.imageSize, dynamic: options.dynamic)
        let levelInputs = headPlan.sourceIndices.map { rowOutputs[$0] }
        let output = ONNXContract.outputName
        let decoded = try head.emit(levelInputs: levelInputs,
                                    output: halfPrecision ? nil : output)
        if halfPrecision {
            try builder.node("Cast", scope: output, inputs: [decoded],
                             attributes: [.int("to", Int(ONNXElementType.float.rawValue))],
                             output: output)
        }
    }
}
