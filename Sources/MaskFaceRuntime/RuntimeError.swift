/// A failure of the runtime that is not OpenCV's, dlib's or SQLite's own: a model whose
/// shape breaks the detector contract, a photo that cannot be enrolled, a camera that does
/// not open. `subject` is what it concerns (a path, a camera, a name); `problem` says what
/// went wrong and, where there is one, what to do.
public struct RuntimeError: Error, CustomStringConvertible, Sendable, Equatable {
    public let subject: String
    public let problem: String

    public init(_ subject: String, _ problem: String) {
        self.subject = subject
        self.problem = problem
    }

    public var description: String { "\(subject): \(problem)" }
}
