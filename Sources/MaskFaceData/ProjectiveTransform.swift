import Foundation
import MaskFaceVision

/// A 3 x 3 homography in pixels, mapping a source point (x, y) to the output point
/// ((m0 x + m1 y + m2) / w, (m3 x + m4 y + m5) / w) with w = m6 x + m7 y + m8.
///
/// Augmentations compose these (YOLOv5's `T @ S @ R @ P @ C`) and hand the product both to
/// OpenCV's warp and to `transformed(_:)` for the boxes, so image and boxes move together.
/// Angles are degrees; positive rotation turns the image counter-clockwise as seen on
/// screen (OpenCV's `getRotationMatrix2D` convention, y pointing down).
public struct ProjectiveTransform: Sendable, Equatable {
    /// Row-major 3 x 3.
    public private(set) var matrix: [Double]

    private init(matrix: [Double]) {
        self.matrix = matrix
    }

    /// From 9 row-major entries; nil for any other count.
    public init?(rowMajor entries: [Double]) {
        guard entries.count == 9 else { return nil }
        matrix = entries
    }

    public static let identity = ProjectiveTransform(matrix: [1, 0, 0, 0, 1, 0, 0, 0, 1])

    public static func translation(x: Double, y: Double) -> ProjectiveTransform {
        ProjectiveTransform(matrix: [1, 0, x, 0, 1, y, 0, 0, 1])
    }

    public static func scale(_ factor: Double) -> ProjectiveTransform {
        scale(x: factor, y: factor)
    }

    public static func scale(x: Double, y: Double) -> ProjectiveTransform {
        ProjectiveTransform(matrix: [x, 0, 0, 0, y, 0, 0, 0, 1])
    }

    /// Rotation by `degrees` and uniform `scale` about the origin.
    public static func rotation(degrees: Double, scale: Double = 1) -> ProjectiveTransform {
        let radians = degrees * .pi / 180
        let alpha = scale * cos(radians), beta = scale * sin(radians)
        return ProjectiveTransform(matrix: [alpha, beta, 0, -beta, alpha, 0, 0, 0, 1])
    }

    /// Shear: x moves by tan(xDegrees) * y, y by tan(yDegrees) * x.
    public static func shear(xDegrees: Double, yDegrees: Double) -> ProjectiveTransform {
        ProjectiveTransform(matrix: [1, tan(xDegrees * .pi / 180), 0,
                                     tan(yDegrees * .pi / 180), 1, 0, 0, 0, 1])
    }

    /// Perspective terms in the bottom row (YOLOv5's `P[2, 0]`, `P[2, 1]`).
    public static func perspective(x: Double, y: Double) -> ProjectiveTransform {
        ProjectiveTransform(matrix: [1, 0, 0, 0, 1, 0, x, y, 1])
    }

    /// `self` after `first`: the point goes through `first`, then through `self`.
    public func after(_ first: ProjectiveTransform) -> ProjectiveTransform {
        var product = [Double](repeating: 0, count: 9)
        for row in 0..<3 {
            for column in 0..<3 {
                product[row * 3 + column] = (0..<3).reduce(0) { sum, inner in
                    sum + matrix[row * 3 + inner] * first.matrix[inner * 3 + column]
                }
            }
        }
        return ProjectiveTransform(matrix: product)
    }

    /// The same warp for coordinates measured from pixel edges, as box corners are (pixel
    /// i spans i...i+1), rather than from pixel centres, as OpenCV's warps take them (pixel
    /// i centred on i). Without it, boxes drift by half a pixel times the warp's scale.
    public var onPixelEdges: ProjectiveTransform {
        ProjectiveTransform.translation(x: 0.5, y: 0.5).after(self)
            .after(.translation(x: -0.5, y: -0.5))
    }

    /// Whether the bottom row is (0, 0, 1), so `warpAffine` suffices.
    public var isAffine: Bool {
        matrix[6] == 0 && matrix[7] == 0 && matrix[8] == 1
    }

    /// The first two rows, the 2 x 3 form `warpAffine` takes.
    public var affineRows: [Double] { Array(matrix[0..<6]) }

    public func apply(x: Double, y: Double) -> (x: Double, y: Double) {
        let w = matrix[6] * x + matrix[7] * y + matrix[8]
        let divisor = w == 0 ? 1 : w
        return ((matrix[0] * x + matrix[1] * y + matrix[2]) / divisor,
                (matrix[3] * x + matrix[4] * y + matrix[5]) / divisor)
    }

    /// The box enclosing the four transformed corners of `box` (pixel xyxy), unclipped.
    public func transformed(_ box: PixelBox) -> PixelBox {
        let corners = [(box.x1, box.y1), (box.x2, box.y1), (box.x1, box.y2), (box.x2, box.y2)]
            .map { apply(x: $0.0, y: $0.1) }
        return PixelBox(x1: corners.map(\.x).min() ?? 0, y1: corners.map(\.y).min() ?? 0,
                        x2: corners.map(\.x).max() ?? 0, y2: corners.map(\.y).max() ?? 0)
    }

    /// How much the transform scales areas near the origin (the linear part's determinant).
    public var areaScale: Double {
        abs(matrix[0] * matrix[4] - matrix[1] * matrix[3])
    }
}
