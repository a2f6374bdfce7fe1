import Foundation
import MaskFaceCore

/// Reads the rows of a YOLOv5 model file, checking each against what its module accepts.
///
/// Every problem becomes a `YAMLError` with the file, line and column of the offending
/// value, so a wrong `from` index or an unknown module name points at its row.
struct ModelConfigParser {
    let file: String
    let root: YAMLNode
    /// Output channels of every layer built so far; layer 0 reads the 3-channel image.
    private var channels: [Int] = []

    init(file: String, root: YAMLNode) {
        self.file = file
        self.root = root
    }

    mutating func parse(classCountOverride: Int?) throws -> ModelConfig {
        guard root.entries != nil else { throw fail(root, "a model file must be a mapping") }
        let classCount = try classCountOverride ?? positiveInt(try require("nc"), "nc")
        let depth = try number(try require("depth_multiple"), "depth_multiple")
        let width = try number(try require("width_multiple"), "width_multiple")
        let anchors = try parseAnchors(try require("anchors"))
        let rows = try sequence(try require("backbone"), "backbone")
            + sequence(try require("head"), "head")

        var layers: [LayerPlan] = []
        for (index, row) in rows.enumerated() {
            let context = RowContext(index: index, classCount: classCount, depth: depth,
                                     width: width, anchors: anchors)
            let layer = try parseRow(row, context: context)
            channels.append(layer.outputChannels)
            layers.append(layer)
        }
        guard layers.last?.kind == .detect else {
            throw fail(rows.last ?? root, "the last row must be a Detect layer")
        }
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        return ModelConfig(name: name, classCount: classCount, depthMultiple: depth,
                           widthMultiple: width, anchors: anchors, layers: layers)
    }

    /// What every row needs besides its own text.
    struct RowContext {
        let index: Int
        let classCount: Int
        let depth: Double
        let width: Double
        let anchors: [[Double]]
    }

    private func parseRow(_ row: YAMLNode, context: RowContext) throws -> LayerPlan {
        guard let fields = row.items, fields.count == 4 else {
            throw fail(row, "layer \(context.index): a row must be [from, number, module, args]")
        }
        let from = try parseFrom(fields[0], index: context.index)
        guard let written = fields[1].int, written >= 1 else {
            throw fail(fields[1], "layer \(context.index): number must be a positive integer")
        }
        let repeats = written > 1
            ? max(Int((Double(written) * context.depth).rounded(.toNearestOrEven)), 1) : written
        guard let name = fields[2].string, let kind = LayerKind(rawValue: name) else {
            let known = LayerKind.allCases.map(\.rawValue).joined(separator: ", ")
            let found = fields[2].string ?? fields[2].kindName
            throw fail(fields[2], "layer \(context.index): unknown module '\(found)' "
                       + "(known: \(known))")
        }
        guard let args = fields[3].items else {
            throw fail(fields[3], "layer \(context.index): args must be a list")
        }
        let inputs = context.index == 0
            ? [ModelConfig.imageChannels]
            : from.map { $0 < 0 ? channels[channels.count + $0] : channels[$0] }
        let builder = LayerArgumentBuilder(parser: self, node: fields[3], args: args,
                                           context: context, inputs: inputs, repeats: repeats)
        let (arguments, output) = try builder.build(kind)
        return LayerPlan(index: context.index, from: from, repeats: repeats,
                         kind: kind, arguments: arguments, outputChannels: output,
                         mark: row.mark)
    }

    /// `-1`, `6` or `[-1, 6]`: every index must name an earlier layer (or the image for 0).
    private func parseFrom(_ node: YAMLNode, index: Int) throws -> [Int] {
        let values = node.items ?? [node]
        return try values.map { value in
            guard let from = value.int else {
                throw fail(value, "layer \(index): 'from' must be an integer or a list of them")
            }
            let absolute = from < 0 ? index + from : from
            let valid = index == 0 ? from == -1 : (absolute >= 0 && absolute < index)
            guard valid else {
                let allowed = index == 0 ? "-1 (the image)" : "-\(index)...-1 or 0...\(index - 1)"
                throw fail(value, "layer \(index): 'from' index \(from) does not name an "
                           + "earlier layer (allowed: \(allowed))")
            }
            return from
        }
    }

    private func parseAnchors(_ node: YAMLNode) throws -> [[Double]] {
        guard let levels = node.items, !levels.isEmpty else {
            throw fail(node, "anchors must be a list of levels of [w, h, ...] pixel sizes")
        }
        return try levels.map { level in
            let values = level.items?.compactMap(\.double) ?? []
            guard !values.isEmpty, values.count % 2 == 0, values.count == level.items?.count
            else {
                throw fail(level, "each anchor level must list pairs of numbers w, h")
            }
            return values
        }
    }

    // MARK: Typed access with located errors

    func fail(_ node: YAMLNode, _ problem: String) -> YAMLError {
        YAMLError(file: file, mark: node.mark, problem: problem)
    }

    private func require(_ key: String) throws -> YAMLNode {
        guard let node = root[key] else {
            throw YAMLError(file: file, mark: nil, problem: "missing key '\(key)'")
        }
        return node
    }

    private func sequence(_ node: YAMLNode, _ key: String) throws -> [YAMLNode] {
        guard let items = node.items else { throw fail(node, "'\(key)' must be a list of rows") }
        return items
    }

    private func number(_ node: YAMLNode, _ key: String) throws -> Double {
        guard let value = node.double, value > 0 else {
            throw fail(node, "'\(key)' must be a positive number")
        }
        return value
    }

    private func positiveInt(_ node: YAMLNode, _ key: String) throws -> Int {
        guard let value = node.int, value > 0 else {
            throw fail(node, "'\(key)' must be a positive integer")
        }
        return value
    }
}
