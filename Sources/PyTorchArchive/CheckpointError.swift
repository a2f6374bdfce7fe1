// The single error type of the PyTorchArchive target.

/// Why a checkpoint could not be read, as one line that starts with the file it came from.
///
/// Every layer (zip, pickle, tensor rebuild, YOLOv5 view) throws this type so that a caller
/// sees `<path>: <problem>` whatever went wrong, and can show it to a user unchanged.
public struct CheckpointError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file that was being read, as the caller spelled it.
    public let path: String
    /// What is wrong with it, in words, without the path.
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
