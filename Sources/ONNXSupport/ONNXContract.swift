import Foundation

/// The interface every exported MaskFace detector follows, and that runtimes loading one
/// (OpenCV DNN, onnxruntime, the Pi deployment) may rely on. It is YOLOv5's export contract,
/// so ultralytics' own exports satisfy it too.
///
/// - Input `images`: `[batch, 3, height, width]` float32, RGB, values 0...1 (pixel / 255),
///   NCHW; height and width multiples of 32 (the largest stride).
/// - Output `output0`: `[batch, rows, 5 + classes]` float32, decoded: `cx, cy, w, h` in
///   input pixels, then objectness and one score per class after the sigmoid. Rows run level
///   by level (stride 8, 16, 32), then anchor, then y, then x, so a square input of side S
///   has `3 * (S/8)^2 + 3 * (S/16)^2 + 3 * (S/32)^2` rows. No NMS is applied.
/// - Metadata: `stride` = the largest stride (`"32"`), `names` = the class names as
///   YOLOv5 prints a Python dict (`{0: 'mask', 1: 'nomask'}`).
/// - Static export: batch 1 and the chosen size. Dynamic export: axes named `batch`,
///   `height`, `width` on the input and `batch`, `anchors` on the output.
/// - Written only after libonnx's checker and strict shape inference accept the file.
public enum ONNXContract {
    public static let inputName = "images"
    public static let outputName = "output0"
    public static let imageChannels = 3
    /// Columns before the class scores: cx, cy, w, h, objectness.
    public static let boxColumns = 5
    /// Side lengths must be multiples of this: the coarsest detection level's stride.
    public static let sizeMultiple = 32
    public static let strideKey = "stride"
    public static let namesKey = "names"

    /// Names of the dynamic axes (ultralytics' names, so tools written for it work).
    public enum AxisName {
        public static let batch = "batch"
        public static let height = "height"
        public static let width = "width"
        public static let rows = "anchors"
    }

    /// `[1, 3, S, S]`, or `[batch, 3, height, width]` when dynamic.
    public static func inputShape(imageSize: Int, dynamic: Bool) -> [ONNXDimension] {
        guard !dynamic else {
            return [.named(AxisName.batch), .fixed(imageChannels), .named(AxisName.height),
                    .named(AxisName.width)]
        }
        return [.fixed(1), .fixed(imageChannels), .fixed(imageSize), .fixed(imageSize)]
    }

    /// `[1, rows, 5 + classes]`, or `[batch, anchors, 5 + classes]` when dynamic.
    public static func outputShape(imageSize: Int, classCount: Int, strides: [Int],
                                   anchorsPerLevel: Int, dynamic: Bool) -> [ONNXDimension] {
        let columns = ONNXDimension.fixed(boxColumns + classCount)
        guard !dynamic else {
            return [.named(AxisName.batch), .named(AxisName.rows), columns]
        }
        let rows = rowCount(imageSize: imageSize, strides: strides,
                            anchorsPerLevel: anchorsPerLevel)
        return [.fixed(1), .fixed(rows), columns]
    }

    /// Output rows for a square input: anchors per cell times cells, summed over levels.
    public static func rowCount(imageSize: Int, strides: [Int], anchorsPerLevel: Int) -> Int {
        strides.reduce(0) { total, stride in
            total + anchorsPerLevel * (imageSize / stride) * (imageSize / stride)
        }
    }

    /// Class names as YOLOv5 writes them: `{0: 'mask', 1: 'nomask'}` (a Python dict).
    public static func namesMetadata(_ names: [String]) -> String {
        let entries = names.enumerated().map { index, name in
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "'", with: "\\'")
            return "\(index): '\(quoted)'"
        }
        return "{" + entries.joined(separator: ", ") + "}"
    }

    /// Reads `namesMetadata`'s format back; nil when the text is not in that form.
    public static func parseNames(_ text: String) -> [String]? {
        var names: [String] = []
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard rest.first == "{", rest.last == "}" else { return nil }
        rest = rest.dropFirst().dropLast()
        while let entry = nextEntry(&rest) {
            guard entry.index == names.count else { return nil }
            names.append(entry.name)
        }
        return rest.trimmingCharacters(in: .whitespaces).isEmpty ? names : nil
    }

    /// Consumes `N: 'name'` and an optional comma from the front of `text`.
    private static func nextEntry(_ text: inout Substring) -> (index: Int, name: String)? {
        let trimmed = text.drop { $0 == " " || $0 == "," }
        guard let colon = trimmed.firstIndex(of: ":"),
              let index = Int(trimmed[..<colon].trimmingCharacters(in: .whitespaces))
        else { return nil }
        var cursor = trimmed[trimmed.index(after: colon)...].drop { $0 == " " }
        guard cursor.first == "'" else { return nil }
        cursor = cursor.dropFirst()
        var name = ""
        while let character = cursor.first, character != "'" {
            cursor = cursor.dropFirst()
            if character == "\\", let escaped = cursor.first {
                name.append(escaped)
                cursor = cursor.dropFirst()
            } else {
                name.append(character)
            }
        }
        guard cursor.first == "'" else { return nil }
        text = cursor.dropFirst()
        return (index, name)
    }
}
