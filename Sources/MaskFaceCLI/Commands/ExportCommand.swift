import Foundation
import ONNXSupport
import YOLO
import YOLOExport

/// `maskface export`: writes a detector as an ONNX file for OpenCV DNN and other runtimes.
enum ExportCommand {
    static let command = "maskface export"

    static let spec = CommandSpec(
        ["export"], summary: "Export a detector to ONNX (YOLOv5's contract).",
        discussion: "Fuses Conv+BatchNorm, decodes boxes inside the graph and writes input "
            + "'images' [1, 3, S, S] (RGB 0..1) and output 'output0' [1, rows, 5 + classes], "
            + "with 'stride' and 'names' metadata. The file is checked by libonnx's checker "
            + "and shape inference before it replaces the output. --dynamic and --half files "
            + "pass the checker but OpenCV DNN 4.6 cannot load them; use onnxruntime.",
        options: [
            .value("weights", "FILE", help: "Weights: ultralytics .pt, MaskFace checkpoint, "
                   + "or a safetensors state dict (then give --cfg and --names)."),
            .value("img", "PIXELS", default: "640",
                   help: "Square input size, a multiple of 32 (320 or 160 for a Pi)."),
            .value("opset", "N", default: String(ExportOptions.defaultOpset),
                   help: "ONNX operator set, \(ExportOptions.supportedOpsets.lowerBound)-"
                   + "\(ExportOptions.supportedOpsets.upperBound)."),
            .flag("dynamic", help: "Named dynamic batch, height and width axes."),
            .flag("half", help: "Float16 weights and arithmetic (input and output stay "
                  + "float32)."),
            .value("output", "FILE", help: "Where to write (default: the weights path with "
                   + ".onnx)."),
            .value("cfg", "MODEL", help: "Model file for a plain state dict: yolov5n, yolov5s "
                   + "or a YAML path."),
            .value("names", "LIST", help: "Comma-separated class names, replacing the file's "
                   + "(a plain state dict has none)."),
        ]
    ) { arguments, context in
        let weights = try required(arguments, "weights")
        let options = try exportOptions(arguments)
        let names = arguments.string("names").map(parseNames)
        let output = arguments.string("output") ?? defaultOutput(for: weights)
        let config = try arguments.string("cfg").map {
            try ModelConfig.load($0, classCount: names?.count)
        }
        let loaded = try DetectionModel.load(weights, config: config)
        let classNames = names ?? loaded.classNames
        let result = try YOLOExporter.export(model: loaded.model, classNames: classNames,
                                             to: output, options: options)
        context.print(summaryLine(result))
        if options.dynamic || options.precision == .float16 {
            context.print("note: OpenCV DNN 4.6 cannot load --dynamic or --half models; "
                          + "export without them for OpenCV")
        }
        return 0
    }

    private static func required(_ arguments: ParsedArguments, _ name: String) throws -> String {
        guard let value = arguments.string(name), !value.isEmpty else {
            throw UsageError(command: command, problem: "--\(name) is required")
        }
        return value
    }

    /// Options from the command line; values the exporter refuses are usage errors.
    private static func exportOptions(_ arguments: ParsedArguments) throws -> ExportOptions {
        let options = ExportOptions(
            imageSize: try arguments.int("img") ?? 640,
            opset: try arguments.int("opset") ?? ExportOptions.defaultOpset,
            dynamic: arguments.flag("dynamic"),
            precision: arguments.flag("half") ? .float16 : .float32)
        do {
            try options.validate()
        } catch let error as ExportError {
            throw UsageError(command: command, problem: error.problem)
        }
        return options
    }

    private static func parseNames(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `runs/best.pt` becomes `runs/best.onnx`, as ultralytics names its exports.
    static func defaultOutput(for weights: String) -> String {
        let url = URL(fileURLWithPath: weights)
        return url.deletingPathExtension().appendingPathExtension("onnx").path
    }

    /// `wrote F (7.6 MB): images [1, 3, 320, 320] -> output0 [1, 6300, 7], 224 nodes, ...`
    static func summaryLine(_ result: ExportResult) -> String {
        let megabytes = String(format: "%.1f", Double(result.byteCount) / 1_000_000)
        let input = result.inputShape.map(\.description).joined(separator: ", ")
        let output = result.outputShape.map(\.description).joined(separator: ", ")
        return "wrote \(result.path) (\(megabytes) MB): \(ONNXContract.inputName) [\(input)] "
            + "-> \(ONNXContract.outputName) [\(output)], \(result.nodeCount) nodes, "
            + "opset \(result.opset) (IR \(result.irVersion)), "
            + "\(result.options.precision.rawValue)"
    }
}
