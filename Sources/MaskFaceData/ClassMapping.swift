/// Maps a source dataset's class names onto MaskFace's two classes, `mask` and `nomask`.
///
/// Names are compared without case, spaces, `-` or `_`, so `with_mask`, `With Mask` and
/// `WITH-MASK` are one name. Defaults cover the usual exports (Kaggle's `with_mask` /
/// `without_mask`, Roboflow's `Mask` / `NO-Mask`, ...). A mask worn incorrectly
/// (`mask_weared_incorrect`) counts as `nomask` by default: the face is not protected, and
/// this is what the reference training run did. `--map NAME=drop` drops a class instead.
public struct ClassMapping: Sendable, Equatable {
    /// The classes every MaskFace dataset has, in class-index order.
    public static let canonicalNames = ["mask", "nomask"]

    public enum Target: Sendable, Equatable {
        case classIndex(Int)
        case drop
    }

    /// Folded source name → target.
    private var targets: [String: Target]

    public static let standard = ClassMapping(targets: [
        "mask": .classIndex(0), "withmask": .classIndex(0), "masked": .classIndex(0),
        "facemask": .classIndex(0), "maskon": .classIndex(0), "wearingmask": .classIndex(0),
        "nomask": .classIndex(1), "withoutmask": .classIndex(1), "unmasked": .classIndex(1),
        "maskoff": .classIndex(1), "nofacemask": .classIndex(1), "notwearingmask": .classIndex(1),
        "maskwearedincorrect": .classIndex(1), "maskwornincorrectly": .classIndex(1),
        "incorrectmask": .classIndex(1), "maskincorrect": .classIndex(1),
    ])

    private init(targets: [String: Target]) {
        self.targets = targets
    }

    /// The standard mapping with `overrides` applied: `with_mask=mask,other=drop`.
    /// - Throws: `MappingError` for a malformed pair or a target other than mask/nomask/drop.
    public static func standard(overriddenBy overrides: String?) throws -> ClassMapping {
        var mapping = ClassMapping.standard
        guard let overrides, !overrides.isEmpty else { return mapping }
        for pair in overrides.split(separator: ",") {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw MappingError(problem: "'\(pair)' is not NAME=TARGET")
            }
            let target: Target
            switch parts[1].lowercased() {
            case "drop": target = .drop
            case let name:
                guard let index = canonicalNames.firstIndex(of: name) else {
                    throw MappingError(problem: "'\(parts[1])' in '\(pair)' is not mask, "
                                       + "nomask or drop")
                }
                target = .classIndex(index)
            }
            mapping.targets[fold(String(parts[0]))] = target
        }
        return mapping
    }

    /// Where boxes of the source class `name` go, or nil for a name the mapping does not know.
    public func target(for name: String) -> Target? {
        targets[Self.fold(name)]
    }

    static func fold(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
    }
}

/// A malformed `--map` argument.
public struct MappingError: Error, CustomStringConvertible {
    public let problem: String
    public var description: String { "--map: \(problem)" }
}
