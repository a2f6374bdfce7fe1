import CVision

/// A network loaded into OpenCV's DNN module from ONNX, run on the CPU.
///
/// MaskFace uses it to run the exported YOLOv5 detector (input `images` [1, 3, S, S] RGB
/// 0...1, output `output0` [1, N, 5 + classes]) independently of libtorch.
///
/// Not `Sendable`: the input set by `setInput` and the last output live in the network.
public final class DNNNetwork {
    let handle: OpaquePointer
    public let path: String

    /// Loads an ONNX file and selects OpenCV's own CPU backend. A missing file, or one
    /// OpenCV cannot import, throws a `VisionError` naming the path.
    public init(onnxPath path: String) throws {
        handle = try makeHandle("load ONNX network") { cvision_net_read_onnx(path, $0, $1) }
        self.path = path
        try preferCPU()
    }

    deinit { cvision_net_free(handle) }

    /// Runs on DNN_BACKEND_OPENCV / DNN_TARGET_CPU (the default; set again after loading
    /// so the choice does not depend on how OpenCV was built).
    public func preferCPU() throws {
        try callShim("select DNN backend for \(path)") { cvision_net_prefer_cpu(handle, $0) }
    }

    /// Names of the network's outputs, in OpenCV's order.
    public func outputNames() throws -> [String] {
        var count = 0
        try callShim("list outputs of \(path)") { cvision_net_output_count(handle, &count, $0) }
        return try (0..<count).map { index in
            var name: UnsafeMutablePointer<CChar>?
            try callShim("name output \(index) of \(path)") {
                cvision_net_output_name(handle, index, &name, $0)
            }
            defer { cvision_string_free(name) }
            return name.map { String(cString: $0) } ?? ""
        }
    }

    /// Sets a float32 input (copied); `name` nil sets the first input.
    public func setInput(_ tensor: FloatTensor, name: String? = nil) throws {
        let shape = tensor.shape.map { Int32(clamping: $0) }
        try tensor.values.withUnsafeBufferPointer { values in
            try callShim("set input of \(path)") {
                cvision_net_set_input(handle, values.baseAddress, shape, shape.count, name, $0)
            }
        }
    }

    /// Runs the network and returns output `name` (nil: the last layer's output).
    public func forward(outputName name: String? = nil) throws -> FloatTensor {
        let capacity = 8
        var shape = [Int32](repeating: 0, count: capacity)
        var rank = 0
        try callShim("run \(path)") {
            cvision_net_forward(handle, name, &shape, capacity, &rank, $0)
        }
        let dimensions = shape.prefix(rank).map(Int.init)
        let count = dimensions.reduce(1, *)
        let values = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            try callShim("copy output of \(path)") {
                cvision_net_copy_output(handle, buffer.baseAddress, count, $0)
            }
            initialized = count
        }
        return try FloatTensor(shape: dimensions, values: values)
    }

    /// `setInput` then `forward`.
    public func run(_ input: FloatTensor, outputName: String? = nil) throws -> FloatTensor {
        try setInput(input)
        return try forward(outputName: outputName)
    }
}
