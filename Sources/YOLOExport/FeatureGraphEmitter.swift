import ONNXSupport
import Torch
import YOLO

/// Writes the rows of a fused YOLOv5 model before the detection head as ONNX nodes:
/// Conv (BatchNorm folded into weight and bias) with SiLU as Sigmoid and Mul, C3, SPPF,
/// nearest Resize and Concat.
///
/// Works from the model's layer plans and its fused state dict (`model.<row>.conv.weight`,
/// `model.<row>.cv1.conv.bias`, ...), so any YOLOv5-schema model file exports through the
/// same code. Initializers keep the state-dict names; node names carry the module path.
struct FeatureGraphEmitter {
    let builder: ONNXGraphBuilder
    /// The fused model's state dict.
    let weights: NamedTensors

    /// Emits rows `0..<config.layers.count - 1` reading `input`; returns each row's output.
    func emitFeatureRows(of config: ModelConfig, input: String) throws -> [String] {
        var outputs: [String] = []
        for plan in config.layers.dropLast() {
            let inputs = plan.sourceIndices.map { $0 < 0 ? input : outputs[$0] }
            outputs.append(try emit(plan, inputs: inputs))
        }
        return outputs
    }

    private func emit(_ plan: LayerPlan, inputs: [String]) throws -> String {
        let prefix = "model.\(plan.index)"
        switch plan.arguments {
        case let .conv(_, _, _, stride, padding):
            return try convolution(prefix, input: inputs[0], stride: stride, padding: padding)
        case let .c3(_, _, bottlenecks, shortcut):
            return try c3(prefix, input: inputs[0], bottlenecks: bottlenecks, shortcut: shortcut)
        case let .sppf(_, _, kernel):
            return try sppf(prefix, input: inputs[0], kernel: kernel)
        case let .upsample(scale):
            return try upsample(prefix, input: inputs[0], scale: scale)
        case let .concat(dimension):
            return try builder.node("Concat", scope: prefix, inputs: inputs,
                                    attributes: [.int("axis", dimension)])
        case .detect:
            throw ExportError(problem: "layer \(plan.index): Detect is only allowed last")
        }
    }

    /// A fused Conv block: convolution with bias, then SiLU written as `x * sigmoid(x)`
    /// (opset 12 has no SiLU operator). `[N, C, H, W]` to `[N, C', H / stride, W / stride]`.
    func convolution(_ prefix: String, input: String, stride: Int = 1, padding: Int? = nil)
        throws -> String
    {
        let weight = try tensor("\(prefix).conv.weight")
        let kernel = weight.size(2)
        let pad = padding ?? kernel / 2
        let inputs = [input, try initializer(prefix + ".conv.weight", weight),
                      try initializer(prefix + ".conv.bias", try tensor(prefix + ".conv.bias"))]
        let convolved = try builder.node(
            "Conv", scope: prefix + ".conv", inputs: inputs,
            attributes: [.ints("kernel_shape", [kernel, weight.size(3)]),
                         .ints("strides", [stride, stride]), .ints("pads", [pad, pad, pad, pad]),
                         .ints("dilations", [1, 1]), .int("group", 1)])
        let gate = try builder.node("Sigmoid", scope: prefix + ".act", inputs: [convolved])
        return try builder.node("Mul", scope: prefix + ".act", inputs: [convolved, gate])
    }

    /// `cv3(cat(m(cv1(x)), cv2(x)))`, each bottleneck `x + cv2(cv1(x))` when it adds its
    /// input (shortcut set; the channel counts always agree inside C3).
    private func c3(_ prefix: String, input: String, bottlenecks: Int, shortcut: Bool) throws
        -> String
    {
        var mainBranch = try convolution(prefix + ".cv1", input: input)
        for index in 0..<bottlenecks {
            let bottleneck = "\(prefix).m.\(index)"
            let hidden = try convolution(bottleneck + ".cv1", input: mainBranch)
            let output = try convolution(bottleneck + ".cv2", input: hidden)
            mainBranch = shortcut
                ? try builder.node("Add", scope: bottleneck, inputs: [mainBranch, output])
                : output
        }
        let sideBranch = try convolution(prefix + ".cv2", input: input)
        let joined = try builder.node("Concat", scope: prefix, inputs: [mainBranch, sideBranch],
                                      attributes: [.int("axis", 1)])
        return try convolution(prefix + ".cv3", input: joined)
    }

    /// `cv2(cat(x, m(x), m(m(x)), m(m(m(x)))))` with `x = cv1(input)` and `m` a stride-1
    /// max pool with same padding.
    private func sppf(_ prefix: String, input: String, kernel: Int) throws -> String {
        let reduced = try convolution(prefix + ".cv1", input: input)
        var pooled = [reduced]
        for _ in 0..<3 {
            let pad = kernel / 2
            pooled.append(try builder.node(
                "MaxPool", scope: prefix + ".m", inputs: [pooled[pooled.count - 1]],
                attributes: [.ints("kernel_shape", [kernel, kernel]), .ints("strides", [1, 1]),
                             .ints("pads", [pad, pad, pad, pad]), .int("ceil_mode", 0)]))
        }
        let joined = try builder.node("Concat", scope: prefix, inputs: pooled,
                                      attributes: [.int("axis", 1)])
        return try convolution(prefix + ".cv2", input: joined)
    }

    /// Nearest-neighbour upsampling as Resize with constant scales `[1, 1, s, s]` and an
    /// empty `roi`: the form PyTorch exports at opset 11+ and OpenCV DNN 4.6 imports.
    /// Both stay float32 in a float16 graph (Resize requires float scales).
    private func upsample(_ prefix: String, input: String, scale: Int) throws -> String {
        let roi = try builder.float32Initializer(prefix + ".roi", values: [], shape: [0])
        let factor = Float(scale)
        let scales = try builder.float32Initializer(prefix + ".scales",
                                                    values: [1, 1, factor, factor], shape: [4])
        return try builder.node(
            "Resize", scope: prefix, inputs: [input, roi, scales],
            attributes: [.string("mode", "nearest"),
                         .string("coordinate_transformation_mode", "asymmetric"),
                         .string("nearest_mode", "floor")])
    }

    func tensor(_ name: String) throws -> Tensor {
        guard let tensor = weights[name] else {
            throw ExportError(problem: "the fused model has no tensor '\(name)'")
        }
        return tensor
    }

    /// Adds a state-dict tensor as an initializer under its own name.
    func initializer(_ name: String, _ tensor: Tensor) throws -> String {
        try builder.initializer(name, values: try tensor.to(dtype: .float32).floats(),
                                shape: tensor.shape)
    }
}
