import Foundation
import MaskFaceVision

/// One stored descriptor: whose it is, whether the face wore a mask, where it came from.
public struct GalleryEntry: Sendable, Equatable {
    public let name: String
    public let faceClass: FaceClass
    public let descriptor: FaceDescriptor
    /// The photo (or video frame) it was computed from, as given at enrollment.
    public let source: String
    public let enrolledAt: Date

    public init(name: String, faceClass: FaceClass, descriptor: FaceDescriptor,
                source: String, enrolledAt: Date = Date())
    {
        self.name = name
        self.faceClass = faceClass
        self.descriptor = descriptor
        self.source = source
        self.enrolledAt = enrolledAt
    }
}

/// An identity with how many descriptors it has in each class.
public struct GalleryIdentity: Sendable, Equatable {
    public let name: String
    public let maskCount: Int
    public let nomaskCount: Int
    /// Time of the most recent enrollment.
    public let lastEnrolledAt: Date
}

/// Descriptors are stored as 128 little-endian float32 values (512 bytes).
enum DescriptorBlob {
    static func encode(_ descriptor: FaceDescriptor) -> [UInt8] {
        descriptor.values.flatMap { value -> [UInt8] in
            let bits = value.bitPattern.littleEndian
            return (0..<4).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) }
        }
    }

    static func decode(_ bytes: [UInt8]) -> FaceDescriptor? {
        guard bytes.count % 4 == 0, !bytes.isEmpty else { return nil }
        let values = stride(from: 0, to: bytes.count, by: 4).map { start -> Float in
            let bits = (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[start + $1]) << (8 * $1) }
            return Float(bitPattern: bits)
        }
        return FaceDescriptor(values: values)
    }
}
