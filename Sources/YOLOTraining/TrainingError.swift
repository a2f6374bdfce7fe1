/// A caller mistake in the training and evaluation helpers: wrong shapes, mismatched
/// configurations. The message says what was expected and what arrived.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case invalidArgument(String)
    case shapeMismatch(what: String, expected: String, actual: [Int])

    public var description: String {
        switch self {
        case .invalidArgument(let message):
            "YOLOTraining: \(message)"
        case .shapeMismatch(let what, let expected, let actual):
            "YOLOTraining: \(what) has shape \(actual), expected \(expected)"
        }
    }
}
