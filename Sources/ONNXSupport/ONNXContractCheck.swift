import Foundation

/// What a model file says about itself under `ONNXContract`, read from its summary.
public struct ONNXDetectorDescription: Sendable, Equatable {
    /// Side length of the square input; nil when height and width are dynamic.
    public let imageSize: Int?
    public let isDynamic: Bool
    public let classNames: [String]
    /// The largest stride, from the `stride` metadata.
    public let stride: Int
    /// Output rows; nil when dynamic.
    public let rowCount: Int?
}

/// A model file that breaks `ONNXContract`, with what was expected and what was found.
public struct ONNXContractViolation: Error, CustomStringConvertible, Equatable {
    public let problem: String
    public var description: String { "ONNX contract: \(problem)" }
}

extension ONNXContract {
    /// Checks a model's inputs, outputs and metadata against the whole contract and returns
    /// what they describe, for files this toolkit did not write. (`FaceDetector` in the
    /// runtime is more lenient: any input name, and `names` may be missing.)
    public static func describe(_ summary: ONNXModelSummary) throws -> ONNXDetectorDescription {
        guard summary.inputs.count == 1, let input = summary.inputs.first,
              input.name == inputName else {
            throw ONNXContractViolation(problem: "expected one input '\(inputName)', found "
                                        + "\(summary.inputs.map(\.name))")
        }
        guard summary.outputs.count == 1, let output = summary.outputs.first,
              output.name == outputName else {
            throw ONNXContractViolation(problem: "expected one output '\(outputName)', found "
                                        + "\(summary.outputs.map(\.name))")
        }
        guard let names = classNames(in: summary), !names.isEmpty else {
            throw ONNXContractViolation(problem: "metadata '\(namesKey)' missing or not of the "
                                        + "form {0: 'name', ...}")
        }
        guard let stride = stride(in: summary) else {
            throw ONNXContractViolation(problem: "metadata '\(strideKey)' missing or not a number")
        }
        let imageSize = try checkInput(input)
        let rows = try checkOutput(output, columns: boxColumns + names.count)
        return ONNXDetectorDescription(imageSize: imageSize, isDynamic: imageSize == nil,
                                       classNames: names, stride: stride, rowCount: rows)
    }

    /// The class names in a model's `names` metadata; nil when it is missing or not of
    /// the form `{0: 'name', ...}`.
    public static func classNames(in summary: ONNXModelSummary) -> [String]? {
        summary.metadataValue(namesKey).flatMap(parseNames)
    }

    /// The largest stride from a model's `stride` metadata; nil when missing or not a number.
    public static func stride(in summary: ONNXModelSummary) -> Int? {
        summary.metadataValue(strideKey).flatMap { Int($0) }
    }

    /// The square input side, or nil for a dynamic input.
    private static func checkInput(_ input: ONNXValueDescription) throws -> Int? {
        let dynamic = inputShape(imageSize: 0, dynamic: true)
        if input.type == .float, input.shape == dynamic {
            return nil
        }
        guard input.type == .float, input.shape.count == 4,
              case let .fixed(side) = input.shape[2], side > 0, side % sizeMultiple == 0,
              input.shape == inputShape(imageSize: side, dynamic: false) else {
            throw ONNXContractViolation(problem: "input '\(inputName)' should be float "
                                        + "[1, 3, S, S] with S a multiple of \(sizeMultiple) "
                                        + "(or dynamic), found \(describe(input))")
        }
        return side
    }

    /// The row count, or nil for a dynamic output.
    private static func checkOutput(_ output: ONNXValueDescription, columns: Int) throws -> Int? {
        guard output.type == .float, output.shape.count == 3,
              output.shape[2] == .fixed(columns) else {
            throw ONNXContractViolation(problem: "output '\(outputName)' should be float "
                                        + "[batch, rows, \(columns)], found \(describe(output))")
        }
        if case let .fixed(rows) = output.shape[1] {
            return rows
        }
        return nil
    }

    private static func describe(_ value: ONNXValueDescription) -> String {
        let type = value.type.map { "\($0)" } ?? "unknown type"
        return "\(type) [\(value.shape.map(\.description).joined(separator: ", "))]"
    }
}
