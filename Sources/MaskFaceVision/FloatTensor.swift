/// A dense float32 array with a shape, row-major (last axis fastest): the form network
/// inputs and outputs take on the Swift side of OpenCV's DNN module.
public struct FloatTensor: Sendable, Equatable {
    public let shape: [Int]
    public let values: [Float]

    /// Fails when the shape's element count differs from `values.count`.
    public init(shape: [Int], values: [Float]) throws {
        let expected = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 > 0 }), expected == values.count else {
            throw VisionError(
                operation: "make tensor",
                message: "shape \(shape) needs \(expected) values, got \(values.count)")
        }
        self.shape = shape
        self.values = values
    }
}
