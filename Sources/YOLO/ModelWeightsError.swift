/// Weights that could not be read, written or loaded into a model, as one line naming the
/// file: `best.pt: checkpoint has nc=80 (detection head 255 channels) but ...`.
public struct ModelWeightsError: Error, CustomStringConvertible, Equatable {
    /// The file, as the caller spelled it.
    public let path: String
    /// What is wrong, without the path.
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
