import MaskFaceVision

/// How a recognised face is drawn: the box in its class colour, labelled with the name
/// (or "unknown") and distance, or with class and confidence when recognition is off.
public enum Annotation {
    public static func label(for face: RecognizedFace) -> String {
        let detection = face.detection
        guard let match = face.match else {
            return String(format: "%@ %.2f", detection.faceClass.rawValue, detection.confidence)
        }
        let name = match.name ?? "unknown"
        guard let distance = match.distance else { return "\(name) (\(detection.faceClass))" }
        return String(format: "%@ (%@) %.2f", name, detection.faceClass.rawValue, distance)
    }

    public static func draw(_ faces: [RecognizedFace], on image: Image) throws {
        for face in faces {
            try image.drawDetection(face.detection.box, label: label(for: face),
                                    color: face.detection.faceClass.color)
        }
    }
}
