import ONNXSupport

/// Builds the decode's cell offsets C (see `DetectHeadEmitter`) inside the graph from the
/// feature map's run-time shape, for exports with dynamic height and width.
///
/// For `[N, na * no, ny, nx]` it emits `k = Range(0, ny * nx)`, `x = k mod nx`,
/// `y = k div nx`, and C `[ny * nx, no]` with `(x - 0.5) d` and `(y - 0.5) d` in the first
/// two columns, which broadcasts against `[N, na, ny * nx, no]`.
// Known shortcoming: OpenCV DNN 4.6 cannot import these Shape/Gather/Range nodes, so a
// dynamic export is for onnxruntime and other full ONNX runtimes; OpenCV needs a static one.
// Only the checker and shape inference have seen these graphs; no installed runtime runs
// them. Comparing one in onnxruntime with the static export would remove this mark.
struct DynamicGridEmitter {
    let builder: ONNXGraphBuilder
    let scope: String
    let constants: DecodeConstants

    /// Returns the name of C `[ny * nx, no]`.
    func emitOffsets(featureMap: String) throws -> String {
        let shape = try builder.node("Shape", scope: scope, inputs: [featureMap])
        let height = try axisSize(shape, axis: 2)
        let width = try axisSize(shape, axis: 3)
        let cells = try builder.node("Mul", scope: scope + ".grid", inputs: [height, width])
        let start = try builder.int64Initializer(scope + ".grid.start", values: [0], shape: [])
        let step = try builder.int64Initializer(scope + ".grid.step", values: [1], shape: [])
        let cellIndex = try builder.node("Range", scope: scope + ".grid",
                                         inputs: [start, cells, step])
        let column = try builder.node("Mod", scope: scope + ".grid", inputs: [cellIndex, width])
        let row = try builder.node("Div", scope: scope + ".grid", inputs: [cellIndex, width])
        let xOffsets = try offsetColumn(column, unitColumn: 0)
        let yOffsets = try offsetColumn(row, unitColumn: 1)
        return try builder.node("Add", scope: scope + ".grid", inputs: [xOffsets, yOffsets])
    }

    /// A scalar int64: the size of `axis` read from a Shape output.
    private func axisSize(_ shape: String, axis: Int) throws -> String {
        let index = try builder.int64Initializer("\(scope).grid.axis\(axis)", values: [axis],
                                                 shape: [])
        return try builder.node("Gather", scope: scope + ".grid", inputs: [shape, index],
                                attributes: [.int("axis", 0)])
    }

    /// Integer cell coordinates `[cells]` to `[cells, no]`: `(c - 0.5) d` in column
    /// `unitColumn`, 0 elsewhere.
    private func offsetColumn(_ coordinates: String, unitColumn: Int) throws -> String {
        let prefix = "\(scope).grid.\(unitColumn == 0 ? "x" : "y")"
        let type = builder.precision.elementType.rawValue
        let real = try builder.node("Cast", scope: prefix, inputs: [coordinates],
                                    attributes: [.int("to", Int(type))])
        let minusHalf = try builder.initializer(prefix + ".minus_half", values: [-0.5],
                                                shape: [])
        let stride = try builder.initializer(prefix + ".stride", values: [constants.stride],
                                             shape: [])
        let centred = try builder.node("Add", scope: prefix, inputs: [real, minusHalf])
        let pixels = try builder.node("Mul", scope: prefix, inputs: [centred, stride])
        let columnShape = try builder.int64Initializer(prefix + ".column_shape",
                                                       values: [-1, 1], shape: [2])
        let asColumn = try builder.node("Reshape", scope: prefix, inputs: [pixels, columnShape])
        var unit = [Float](repeating: 0, count: constants.outputsPerAnchor)
        unit[unitColumn] = 1
        let selector = try builder.initializer(prefix + ".selector", values: unit,
                                               shape: [constants.outputsPerAnchor])
        return try builder.node("Mul", scope: prefix, inputs: [asColumn, selector])
    }
}
