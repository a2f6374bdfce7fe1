/// A face's 128-D embedding from dlib's recognition network. Descriptors of the same
/// person lie close together in Euclidean (L2) distance. They are not normalised: the
/// network ends in a bias-free linear layer, and norms come out around 1.3...1.5 (measured
/// on mfr2-dev), so compare distances, not dot products of raw descriptors.
public struct FaceDescriptor: Sendable, Equatable {
    /// dlib's decision threshold: pairs closer than 0.6 are the same person (99.38% on
    /// LFW, per dlib's model notes).
    public static let sameFaceThreshold: Float = 0.6

    public let values: [Float]

    public init(values: [Float]) {
        self.values = values
    }

    /// Euclidean (L2) distance; descriptors of different lengths are infinitely far.
    public func distance(to other: FaceDescriptor) -> Float {
        guard values.count == other.values.count else { return .infinity }
        var sum: Float = 0
        for index in values.indices {
            let difference = values[index] - other.values[index]
            sum += difference * difference
        }
        return sum.squareRoot()
    }

    /// L2 norm of the descriptor.
    public var norm: Float {
        values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    }
}
