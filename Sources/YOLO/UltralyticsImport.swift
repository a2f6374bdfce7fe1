import PyTorchArchive
import Torch

/// Turns an ultralytics YOLOv5 `.pt` checkpoint (read by PyTorchArchive) into what this
/// target builds models from: a model file and a state dict of libtorch tensors.
enum UltralyticsImport {
    /// The checkpoint's `yaml` attribute rendered as a model file, with `nc` replaced by
    /// the checkpoint's class count. Errors in it name the checkpoint.
    static func config(of checkpoint: YOLOv5Checkpoint) throws -> ModelConfig {
        let text = "# Model file stored in \(checkpoint.path)\n"
            + ConfigText.render(checkpoint.modelConfig)
        return try ModelConfig.parse(yaml: text, file: "\(checkpoint.path) (model yaml)",
                                     classCount: checkpoint.classCount)
    }

    /// Class names ordered by id; ids without a name get `class<id>`.
    static func classNames(of checkpoint: YOLOv5Checkpoint) -> [String] {
        (0..<checkpoint.classCount).map { checkpoint.classNames[$0] ?? "class\($0)" }
    }

    /// The state dict in the file's dtypes (float16 in every train.py output); loading it
    /// into a model converts to the model's float32.
    static func stateDict(of checkpoint: YOLOv5Checkpoint) throws -> NamedTensors {
        var result = NamedTensors()
        for (name, stored) in checkpoint.stateDict {
            result[name] = try tensor(stored)
        }
        return result
    }

    private static func tensor(_ stored: StoredTensor) throws -> Tensor {
        if let dtype = directTypes[stored.dataType] {
            return try stored.bytes.withUnsafeBytes {
                try Tensor(bytes: $0, shape: stored.shape, dtype: dtype)
            }
        }
        // Types libtorch's shim does not take directly: widen to float32 or int64.
        if let values = stored.floatValues() {
            return try Tensor(values, shape: stored.shape)
        }
        return try Tensor(stored.integerValues() ?? [], shape: stored.shape)
    }

    private static let directTypes: [TensorDataType: DType] = [
        .float16: .float16, .float32: .float32, .float64: .float64, .int64: .int64,
        .int32: .int32, .uint8: .uint8, .bool: .bool,
    ]
}

/// Writes a pickled YOLOv5 `yaml` dict back as model-file text that `ModelConfig` reads:
/// top-level keys one per line, lists of rows one row per line, everything else in flow
/// style with strings quoted.
enum ConfigText {
    static func render(_ dictionary: PickleDictionary) -> String {
        var lines: [String] = []
        for entry in dictionary.entries {
            let key = entry.key.string.map(renderKey) ?? flow(entry.key)
            if let rows = entry.value.elements, !rows.isEmpty,
               rows.allSatisfy({ $0.elements != nil }) {
                lines.append("\(key):")
                lines += rows.map { "  - \(flow($0))" }
            } else {
                lines.append("\(key): \(flow(entry.value))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func flow(_ value: PickleValue) -> String {
        switch value {
        case .none: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .float(let number): return "\(number)"
        case .string(let text): return quoted(text)
        case .tuple(let items), .list(let items), .set(let items):
            return "[" + items.map(flow).joined(separator: ", ") + "]"
        case .dict(let dictionary):
            let pairs = dictionary.entries.map { "\(flow($0.key)): \(flow($0.value))" }
            return "{" + pairs.joined(separator: ", ") + "}"
        default:
            return quoted(value.kindName)
        }
    }

    private static func renderKey(_ key: String) -> String {
        let plain = key.first.map { $0.isLetter || $0 == "_" } == true
            && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        return plain ? key : quoted(key)
    }

    /// A double-quoted YAML scalar; backslash and quote escaped, control characters as
    /// `\uXXXX`.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20:
                result += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
