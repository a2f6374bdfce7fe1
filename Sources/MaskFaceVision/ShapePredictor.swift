import CVision

/// Facial landmarks in pixels of the image they were predicted in. With dlib's 68-point
/// model they follow the iBUG 300-W order: 0-16 jaw, 17-26 brows, 27-35 nose, 36-47 eyes,
/// 48-67 mouth.
public struct FaceLandmarks: Sendable, Equatable {
    public let points: [PixelPoint]

    public init(points: [PixelPoint]) {
        self.points = points
    }
}

/// dlib's shape predictor (an ensemble of regression trees), e.g.
/// `shape_predictor_68_face_landmarks.dat`.
///
/// `@unchecked Sendable`: the model is read-only after loading and dlib's prediction is a
/// const call, safe from several threads at once.
public final class ShapePredictor: @unchecked Sendable {
    let handle: OpaquePointer
    public let path: String
    /// Landmarks per face (68 for dlib's usual model, 5 for the small one).
    public let pointCount: Int

    /// Loads a `.dat` model; a missing or unreadable file throws, naming the path.
    public init(contentsOf path: String) throws {
        handle = try makeHandle("load shape predictor") {
            cvision_shape_predictor_load(path, $0, $1)
        }
        self.path = path
        pointCount = cvision_shape_predictor_point_count(handle)
    }

    deinit { cvision_shape_predictor_free(handle) }

    /// Landmarks of the face in `box` (xyxy pixels). The 68-point model was trained on
    /// boxes from dlib's HOG detector; boxes of another shape (a YOLOv5 face box, a whole
    /// aligned photo) give less accurate points.
    public func landmarks(in image: Image, box: PixelBox) throws -> FaceLandmarks {
        var coordinates = [Double](repeating: 0, count: 2 * pointCount)
        let capacity = coordinates.count
        try callShim("predict face landmarks") {
            cvision_shape_predictor_predict(
                handle, image.handle, box.x1, box.y1, box.x2, box.y2, &coordinates, capacity,
                $0)
        }
        let points = (0..<pointCount).map {
            PixelPoint(x: coordinates[2 * $0], y: coordinates[2 * $0 + 1])
        }
        return FaceLandmarks(points: points)
    }
}
