import ONNXSupport

/// How to export a detector to ONNX: input size, operator set, dynamic axes, precision.
public struct ExportOptions: Sendable, Equatable {
    /// Operator sets whose node forms the exporter writes and libonnx 1.12 checks. 11 is
    /// the first with Resize's `roi`/`scales` inputs and Range; 17 is libonnx 1.12's newest.
    public static let supportedOpsets = 11...17
    /// ultralytics' default, and what OpenCV DNN 4.6 is known to import.
    public static let defaultOpset = 12

    /// Side of the square input in pixels; a multiple of `ONNXContract.sizeMultiple`. With
    /// `dynamic` it only sets the shape used for the summary line.
    public var imageSize: Int
    public var opset: Int
    /// Batch, height and width as named dynamic axes (see `ONNXContract`).
    public var dynamic: Bool
    public var precision: ONNXPrecision

    public init(imageSize: Int = 640, opset: Int = ExportOptions.defaultOpset,
                dynamic: Bool = false, precision: ONNXPrecision = .float32) {
        self.imageSize = imageSize
        self.opset = opset
        self.dynamic = dynamic
        self.precision = precision
    }

    /// The ONNX IR version that goes with the opset, as PyTorch's exporter pairs them:
    /// IR 7 up to opset 14, IR 8 from opset 15.
    public var irVersion: Int { opset <= 14 ? 7 : 8 }

    /// Refuses sizes the model cannot take and opsets the exporter does not write.
    public func validate() throws {
        let multiple = ONNXContract.sizeMultiple
        guard imageSize > 0, imageSize % multiple == 0 else {
            let roundedUp = Swift.max(multiple, (imageSize + multiple - 1) / multiple * multiple)
            throw ExportError(problem: "image size \(imageSize) is not a positive multiple of "
                              + "\(multiple) (the largest stride); try \(roundedUp)")
        }
        guard Self.supportedOpsets.contains(opset) else {
            throw ExportError(problem: "opset \(opset) is not supported; use "
                              + "\(Self.supportedOpsets.lowerBound)..."
                              + "\(Self.supportedOpsets.upperBound)")
        }
    }
}

/// An export that cannot go ahead: bad options, or a model the exporter cannot write.
public struct ExportError: Error, CustomStringConvertible, Equatable {
    public let problem: String

    public init(problem: String) {
        self.problem = problem
    }

    public var description: String { "ONNX export: \(problem)" }
}
