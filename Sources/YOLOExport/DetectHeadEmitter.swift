import ONNXSupport
import Torch
import YOLO

/// Writes YOLOv5's Detect head with its decoding, so the file's output is the contract's
/// decoded rows.
///
/// Per level: 1x1 Conv `[N, na * no, ny, nx]` → Reshape `[N, na, no, ny * nx]` →
/// Transpose `[N, na, ny * nx, no]` → Sigmoid `s` → `s * (s * B + A) + C` → Reshape
/// `[N, na * ny * nx, no]`; then Concat over levels.
///
/// With cell `(x, y)`, stride `d` and anchor `(aw, ah)` in pixels: A holds `2d` in the
/// x/y columns and 1 in the score columns; B holds `4 aw`, `4 ah` in the w/h columns;
/// C holds `(x - 0.5) d`, `(y - 0.5) d` in the x/y columns. That gives YOLOv5's
/// `(2s - 0.5 + cell) d` and `(2s)^2 anchor`, and leaves scores as `s` exactly, without
/// Split or Slice (which OpenCV DNN 4.6 imports only in some forms).
///
/// Static export stores A, B and C at full size `[1, na, ny * nx, no]`: OpenCV DNN 4.6
/// refuses broadcasting constants here (`shape_utils.hpp: total` assertion). Dynamic export
/// builds C from the feature map's shape at run time and broadcasts small A and B.
struct DetectHeadEmitter {
    let features: FeatureGraphEmitter
    let head: Detect
    /// The head's row in the model file (`model.<row>.m.<level>`).
    let row: Int
    let imageSize: Int
    let dynamic: Bool

    var builder: ONNXGraphBuilder { features.builder }
    var scope: String { "model.\(row)" }

    /// Emits every level reading `levelInputs` (P3, P4, P5) and the final Concat; returns
    /// the name of the decoded `[N, rows, 5 + nc]` tensor (named `output` if given).
    func emit(levelInputs: [String], output: String?) throws -> String {
        guard levelInputs.count == head.strides.count else {
            throw ExportError(problem: "Detect has \(head.strides.count) levels but reads "
                              + "\(levelInputs.count) feature maps")
        }
        let anchorUnits = try head.anchors.to(dtype: .float32).floats()
        let decoded = try levelInputs.enumerated().map { level, input in
            let perLevel = head.anchorsPerLevel * 2
            let anchors = Array(anchorUnits[(level * perLevel)..<((level + 1) * perLevel)])
            return try emitLevel(level, input: input, anchorUnits: anchors)
        }
        return try builder.node("Concat", scope: scope, inputs: decoded,
                                attributes: [.int("axis", 1)], output: output)
    }

    private func emitLevel(_ level: Int, input: String, anchorUnits: [Float]) throws -> String {
        let prefix = "\(scope).m.\(level)"
        let weight = try features.tensor(prefix + ".weight")
        let convolved = try builder.node(
            "Conv", scope: prefix,
            inputs: [input, try features.initializer(prefix + ".weight", weight),
                     try features.initializer(prefix + ".bias",
                                              try features.tensor(prefix + ".bias"))],
            attributes: [.ints("kernel_shape", [1, 1]), .ints("strides", [1, 1]),
                         .ints("pads", [0, 0, 0, 0]), .ints("dilations", [1, 1]),
                         .int("group", 1)])
        let stride = head.strides[level]
        let (anchors, outputs) = (head.anchorsPerLevel, head.outputsPerAnchor)
        let cells = (imageSize / stride) * (imageSize / stride)
        let split = try reshape(convolved, level: level, name: "split_shape",
                                to: dynamic ? [0, anchors, outputs, -1]
                                    : [1, anchors, outputs, cells])
        let cellsLast = try builder.node("Transpose", scope: prefix, inputs: [split],
                                         attributes: [.ints("perm", [0, 1, 3, 2])])
        let scores = try builder.node("Sigmoid", scope: prefix, inputs: [cellsLast])
        let terms = try decodeTerms(level: level, stride: stride, anchorUnits: anchorUnits,
                                    featureMap: convolved)
        let scaled = try builder.node("Mul", scope: prefix, inputs: [scores, terms.quadratic])
        let shifted = try builder.node("Add", scope: prefix, inputs: [scaled, terms.linear])
        let product = try builder.node("Mul", scope: prefix, inputs: [scores, shifted])
        let boxes = try builder.node("Add", scope: prefix, inputs: [product, terms.offset])
        return try reshape(boxes, level: level, name: "rows_shape",
                           to: [dynamic ? 0 : 1, dynamic ? -1 : anchors * cells, outputs])
    }

    private func reshape(_ input: String, level: Int, name: String, to shape: [Int]) throws
        -> String
    {
        let prefix = "\(scope).m.\(level)"
        let target = try builder.int64Initializer("\(prefix).\(name)", values: shape,
                                                  shape: [shape.count])
        return try builder.node("Reshape", scope: prefix, inputs: [input, target])
    }

    /// Names of the tensors B (`quadratic`), A (`linear`) and C (`offset`).
    private func decodeTerms(level: Int, stride: Int, anchorUnits: [Float], featureMap: String)
        throws -> (quadratic: String, linear: String, offset: String)
    {
        let constants = DecodeConstants(
            anchorsPerLevel: head.anchorsPerLevel, outputsPerAnchor: head.outputsPerAnchor,
            stride: Float(stride), anchorPixels: anchorUnits.map { $0 * Float(stride) })
        let prefix = "\(scope).m.\(level)"
        let (anchors, outputs) = (head.anchorsPerLevel, head.outputsPerAnchor)
        if dynamic {
            let rowShape = [1, anchors, 1, outputs]  // broadcast over batch and cells
            let quadratic = try builder.initializer(
                prefix + ".decode_quadratic", values: constants.quadraticRow(), shape: rowShape)
            let linear = try builder.initializer(
                prefix + ".decode_linear", values: constants.linearRow(), shape: rowShape)
            let grid = DynamicGridEmitter(builder: builder, scope: prefix, constants: constants)
            return (quadratic, linear, try grid.emitOffsets(featureMap: featureMap))
        }
        let side = imageSize / stride
        let shape = [1, anchors, side * side, outputs]
        let quadratic = try builder.initializer(
            prefix + ".decode_quadratic", values: constants.quadratic(cells: side * side),
            shape: shape)
        let linear = try builder.initializer(
            prefix + ".decode_linear", values: constants.linear(cells: side * side), shape: shape)
        let offset = try builder.initializer(
            prefix + ".decode_offset", values: constants.offsets(width: side, height: side),
            shape: shape)
        return (quadratic, linear, offset)
    }
}
