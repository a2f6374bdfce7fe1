import Foundation
import Torch

/// What YOLOv5 prints about a model: one row per model-file row and the totals, unfused
/// and fused. Built by constructing both models, so the numbers are those of the modules
/// this target runs. Rendering is left to the caller.
public struct ModelSummary {
    public struct Row {
        public let index: Int
        /// As YOLOv5 prints it: `-1`, or `[-1, 6]` for several inputs.
        public let from: String
        public let repeats: Int
        public let parameters: Int
        /// YOLOv5's module name, e.g. `models.common.C3`.
        public let module: String
        /// Constructor arguments after scaling, as YOLOv5 prints them.
        public let arguments: String
    }

    /// Totals of one variant (unfused or fused).
    public struct Totals {
        /// `len(list(model.modules()))`, YOLOv5's "layers".
        public let layers: Int
        public let parameters: Int
        public let gflops: Double
    }

    public let name: String
    public let imageSize: Int
    public let rows: [Row]
    public let unfused: Totals
    public let fused: Totals

    public init(config: ModelConfig, imageSize: Int = 640) throws {
        let model = try DetectionModel(config: config)
        let fusedModel = try model.fused()
        name = config.name
        self.imageSize = imageSize
        let modules = model.children.first?.module.children.map(\.module) ?? []
        rows = zip(config.layers, modules).map { layer, module in
            let from = layer.from.count == 1 ? String(layer.from[0])
                : "[" + layer.from.map(String.init).joined(separator: ", ") + "]"
            let parameters = module.namedParameters().reduce(0) { $0 + $1.tensor.elementCount }
            return Row(index: layer.index, from: from, repeats: layer.repeats,
                       parameters: parameters, module: layer.kind.referenceName,
                       arguments: layer.referenceArguments)
        }
        unfused = Totals(layers: model.layerCount, parameters: model.parameterCount,
                         gflops: try model.gflops(imageSize: imageSize))
        fused = Totals(layers: fusedModel.layerCount, parameters: fusedModel.parameterCount,
                       gflops: try fusedModel.gflops(imageSize: imageSize))
    }
}

extension DetectionModel {
    /// YOLOv5's layer count, `len(list(model.modules()))`: every module once, with the one
    /// SiLU instance that all of YOLOv5's Conv blocks share counted once.
    public var layerCount: Int {
        let modules = namedModules().map(\.module)
        return modules.count + (modules.contains { $0 is Conv } ? 1 : 0)
    }

    /// Operations per `imageSize x imageSize` image as YOLOv5 reports them (see
    /// `ModelComplexity`), for this model or, with `fused` set, its (un)fused variant.
    public func gflops(imageSize: Int, fused: Bool? = nil) throws -> Double {
        try ModelComplexity(config: config, fused: fused ?? isFused)
            .gflops(imageSize: imageSize)
    }
}

extension ModelSummary {
    /// The summary as fixed-width text lines, in the layout of YOLOv5's `parse_model`
    /// table, then one totals line per variant (GFLOPs with all the digits that are
    /// significant, then rounded to one decimal as YOLOv5 prints them).
    public var lines: [String] {
        let header = pad("", 3) + pad("from", 18, right: true) + pad("n", 3, right: true)
            + pad("params", 10, right: true) + "  " + pad("module", 40) + "arguments"
        let body = rows.map { row in
            pad(String(row.index), 3) + pad(row.from, 18, right: true)
                + pad(String(row.repeats), 3, right: true)
                + pad(String(row.parameters), 10, right: true) + "  " + pad(row.module, 40)
                + row.arguments
        }
        return [header] + body + [
            totalsLine("summary", unfused),
            totalsLine("fused", fused),
        ]
    }

    private func totalsLine(_ label: String, _ totals: Totals) -> String {
        let precise = String(format: "%.10g", totals.gflops)
        let rounded = String(format: "%.1f", totals.gflops)
        return "\(name) \(label): \(totals.layers) layers, \(totals.parameters) parameters, "
            + "\(precise) GFLOPs at \(imageSize)x\(imageSize) (\(rounded))"
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}
