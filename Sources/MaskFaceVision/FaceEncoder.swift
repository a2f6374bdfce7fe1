import CVision

/// dlib's face recognition ResNet (`dlib_face_recognition_resnet_model_v1.dat`, a 29-layer
/// metric network): a 150x150 aligned face chip in, a 128-D `FaceDescriptor` out.
///
/// Chips come from `FaceChip.extract` (size 150, padding 0.25).
///
/// dlib's CPU convolutions are BLAS matrix products; libblas.so.3 resolves to OpenBLAS
/// (Debian's libtorch already pulls it in), so no BLAS set-up is needed for speed.
///
/// `@unchecked Sendable`: the shim serialises forward passes on one encoder with a mutex.
public final class FaceEncoder: @unchecked Sendable {
    let handle: OpaquePointer
    public let path: String

    /// Loads the network. A missing file throws naming the path; a file holding another
    /// network fails while dlib checks the layer types.
    public init(contentsOf path: String) throws {
        handle = try makeHandle("load face encoder") { cvision_face_encoder_load(path, $0, $1) }
        self.path = path
    }

    deinit { cvision_face_encoder_free(handle) }

    /// The descriptor of one 150x150 BGR chip. `jitters` > 0 averages that many randomly
    /// shifted, rotated and mirrored copies (dlib's option; about `jitters` times slower,
    /// slightly more robust). Jitter is seeded, so results repeat.
    public func descriptor(for chip: Image, jitters: Int = 0) throws -> FaceDescriptor {
        let results = try descriptors(for: [chip], jitters: jitters)
        guard let first = results.first else {
            throw VisionError(operation: "compute face descriptor", message: "no result")
        }
        return first
    }

    /// Descriptors of several chips in one batched forward pass, in order.
    public func descriptors(for chips: [Image], jitters: Int = 0) throws -> [FaceDescriptor] {
        guard !chips.isEmpty else { return [] }
        let length = 128
        let handles: [OpaquePointer?] = chips.map { $0.handle }
        let count = chips.count * length
        let values = try [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            try callShim("compute face descriptors") {
                cvision_face_encoder_compute(
                    handle, handles, chips.count, Int32(clamping: jitters), buffer.baseAddress,
                    $0)
            }
            initialized = count
        }
        // Keep the chips (and so their pixels) alive until the shim has read them.
        withExtendedLifetime(chips) {}
        return (0..<chips.count).map {
            FaceDescriptor(values: Array(values[($0 * length)..<(($0 + 1) * length)]))
        }
    }
}
