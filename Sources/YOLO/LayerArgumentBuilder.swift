import MaskFaceCore

/// Turns one row's args into resolved constructor arguments and its output channel count.
struct LayerArgumentBuilder {
    let parser: ModelConfigParser
    let node: YAMLNode
    let args: [YAMLNode]
    let context: ModelConfigParser.RowContext
    /// Output channels of each `from` layer.
    let inputs: [Int]
    let repeats: Int

    func build(_ kind: LayerKind) throws -> (LayerArguments, Int) {
        switch kind {
        case .conv:
            try expectSingleInput(kind)
            let output = try scaledChannels(at: 0)
            let kernel = try optionalInt(at: 1) ?? 1
            let stride = try optionalInt(at: 2) ?? 1
            let padding = try optionalInt(at: 3)
            try expectAtMost(4)
            return (.conv(inputChannels: inputs[0], outputChannels: output, kernel: kernel,
                          stride: stride, padding: padding), output)
        case .c3:
            try expectSingleInput(kind)
            let output = try scaledChannels(at: 0)
            let shortcut = try optionalBool(at: 1) ?? true
            try expectAtMost(2)
            return (.c3(inputChannels: inputs[0], outputChannels: output, bottlenecks: repeats,
                        shortcut: shortcut), output)
        case .sppf:
            try expectSingleInput(kind)
            let output = try scaledChannels(at: 0)
            let kernel = try optionalInt(at: 1) ?? 5
            try expectAtMost(2)
            return (.sppf(inputChannels: inputs[0], outputChannels: output, kernel: kernel),
                    output)
        case .upsample:
            try expectSingleInput(kind)
            return (.upsample(scale: try upsampleScale()), inputs[0])
        case .concat:
            let dimension = try optionalInt(at: 0) ?? 1
            guard dimension == 1 else {
                throw problem(at: 0, "Concat joins channels (dimension 1)")
            }
            return (.concat(dimension: dimension), inputs.reduce(0, +))
        case .detect:
            guard inputs.count == context.anchors.count else {
                throw parser.fail(node, "layer \(context.index): Detect reads \(inputs.count) "
                                  + "layers but there are \(context.anchors.count) anchor levels")
            }
            let anchorsPerLevel = context.anchors[0].count / 2
            let output = anchorsPerLevel * (context.classCount + 5)
            return (.detect(classCount: context.classCount, anchors: context.anchors,
                            inputChannels: inputs), output)
        }
    }

    /// `ceil(c x width / 8) x 8`, YOLOv5's rule so that channel counts stay multiples of 8.
    private func scaledChannels(at position: Int) throws -> Int {
        guard position < args.count, let written = args[position].int, written > 0 else {
            throw problem(at: position, "expects output channels as a positive integer")
        }
        return Int((Double(written) * context.width / 8).rounded(.up)) * 8
    }

    private func upsampleScale() throws -> Int {
        // "None" as YOLOv5's files write it; a YAML null where a checkpoint's config had
        // Python's None.
        guard args.count == 3, args[0].string == "None" || args[0].isNull,
              let scale = args[1].int, scale > 0,
              args[2].string == "nearest"
        else {
            throw parser.fail(node, "layer \(context.index): nn.Upsample takes [None, scale, "
                              + "'nearest']")
        }
        return scale
    }

    private func optionalInt(at position: Int) throws -> Int? {
        guard position < args.count else { return nil }
        guard let value = args[position].int, value >= 0 else {
            throw problem(at: position, "expects a non-negative integer")
        }
        return value
    }

    private func optionalBool(at position: Int) throws -> Bool? {
        guard position < args.count else { return nil }
        guard let value = args[position].bool else {
            throw problem(at: position, "expects True or False")
        }
        return value
    }

    private func expectSingleInput(_ kind: LayerKind) throws {
        guard inputs.count == 1 else {
            throw parser.fail(node, "layer \(context.index): \(kind.rawValue) reads one layer, "
                              + "not \(inputs.count)")
        }
    }

    private func expectAtMost(_ count: Int) throws {
        guard args.count <= count else { throw problem(at: count, "unexpected argument") }
    }

    private func problem(at position: Int, _ text: String) -> YAMLError {
        let located = position < args.count ? args[position] : node
        return parser.fail(located, "layer \(context.index): argument \(position + 1) \(text)")
    }
}
