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
