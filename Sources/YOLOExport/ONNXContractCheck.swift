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
    /// Checks a model's inputs, outputs and metadata against the contract and returns what
    /// they describe. The runtime calls this on files it did not write.
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
        let names = try classNames(summary)
        guard let strideText = summary.metadataValue(strideKey), let stride = Int(strideText)
        else {
            throw ONNXContractViolation(problem: "metadata '\(strideKey)' missing or not a number")
        }
        let imageSize = try checkInput(input)
        let rows = try checkOutput(output, columns: boxColumns + names.count)
        return ONNXDetectorDescription(imageSize: imageSize, isDynamic: imageSize == nil,
                                       classNames: names, stride: stride, rowCount: rows)
    }

    private static func classNames(_ summary: ONNXModelSummary) throws -> [String] {
        guard let text = summary.metadataValue(namesKey), let names = parseNames(text),
              !names.isEmpty else {
            throw ONNXContractViolation(problem: "metadata '\(namesKey)' missing or not of the "
                                        + "form {0: 'name', ...}")
        }
        return names
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
