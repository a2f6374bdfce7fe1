import MaskFaceVision

/// The matcher step: names a face by its nearest enrolled descriptor (L2 distance) among
/// enrollments of the same class: a masked face against masked enrollments, an unmasked
/// one against unmasked, because a mask changes the descriptor more than identity does at
/// dlib's scale.
///
/// A face farther than `threshold` from every enrollment is unknown. 0.6 is dlib's
/// same-person threshold for unmasked faces (99.38% on LFW); masked descriptors are less
/// reliable, so a lower threshold trades missed names for fewer wrong ones.
public struct FaceMatcher: Sendable {
    /// The outcome for one face.
    public struct Match: Sendable, Equatable {
        /// The identity, or nil for unknown.
        public let name: String?
        /// Distance to the nearest enrollment of the class; nil when the class gallery is
        /// empty.
        public let distance: Float?
        /// The nearest identity even when it is beyond the threshold.
        public let nearestName: String?
    }

    // Shortcoming: one threshold serves both classes, yet masked descriptors of different
    // people lie closer together (strangers in masked Kaggle crowds match mfr2 people at
    // 0.45-0.6). A per-class threshold measured on a larger masked set, or a descriptor
    // model trained on masked faces, would remove this note.
    public var threshold: Float
    private let entriesByClass: [FaceClass: [GalleryEntry]]

    public init(entries: [GalleryEntry], threshold: Float = FaceDescriptor.sameFaceThreshold) {
        self.threshold = threshold
        entriesByClass = Dictionary(grouping: entries, by: \.faceClass)
    }

    /// How many enrollments each class gallery holds.
    public func count(of faceClass: FaceClass) -> Int {
        entriesByClass[faceClass]?.count ?? 0
    }

    /// The nearest identity in the gallery of `faceClass`.
    public func match(_ descriptor: FaceDescriptor, faceClass: FaceClass) -> Match {
        var nearest: (name: String, distance: Float)?
        for entry in entriesByClass[faceClass] ?? [] {
            let distance = descriptor.distance(to: entry.descriptor)
            if distance < nearest?.distance ?? .infinity {
                nearest = (entry.name, distance)
            }
        }
        guard let nearest else { return Match(name: nil, distance: nil, nearestName: nil) }
        let known = nearest.distance <= threshold
        return Match(name: known ? nearest.name : nil, distance: nearest.distance,
                     nearestName: nearest.name)
    }
}
