import MaskFaceVision

/// The detector's two classes, in the order of the model's class columns (class 0 `mask`,
/// class 1 `nomask`, as the training data maps them). The class also picks the gallery a
/// face is matched in: masked faces against masked enrollments, unmasked against unmasked.
public enum FaceClass: String, Sendable, CaseIterable, Codable, Comparable {
    case mask
    case nomask

    /// The class for column `index` of the detector's class scores; nil past the end.
    public init?(classIndex index: Int) {
        switch index {
        case 0: self = .mask
        case 1: self = .nomask
        default: return nil
        }
    }

    /// Column of this class among the detector's class scores.
    public var classIndex: Int {
        switch self {
        case .mask: 0
        case .nomask: 1
        }
    }

    /// Box colour in annotated output: green for a masked face, orange for an unmasked one.
    public var color: Color {
        switch self {
        case .mask: Color(red: 40, green: 180, blue: 70)
        case .nomask: Color(red: 240, green: 120, blue: 20)
        }
    }

    public static func < (lhs: FaceClass, rhs: FaceClass) -> Bool {
        lhs.classIndex < rhs.classIndex
    }
}
