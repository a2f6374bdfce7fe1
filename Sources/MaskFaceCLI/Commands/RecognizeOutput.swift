import Foundation
import MaskFaceRuntime

/// JSON string quoting for the one-line JSON records the runtime commands print.
enum JSONText {
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                result += String(format: "\\u%04x", control.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// How `recognize` renders its results: one JSON line per face on standard output, and
/// YOLOv5-style speed figures on standard error at the end.
enum RecognizeOutput {
    /// `{"file": ..., "frame": n, "box": [x1, y1, x2, y2], "class": ..., "confidence": ...,
    /// "name": ..., "distance": ...}`: box in source pixels; `frame` only for video and
    /// camera; `name` is null with --no-recognition and "unknown" when nobody matched;
    /// `distance` is null when the class gallery is empty or recognition is off.
    static func faceLine(source: String, frame: Int?, face: RecognizedFace) -> String {
        let box = face.detection.box
        let coordinates = [box.x1, box.y1, box.x2, box.y2]
            .map { String(format: "%.1f", $0) }.joined(separator: ", ")
        var fields = [frame == nil ? "\"file\": \(JSONText.quoted(source))"
                                   : "\"source\": \(JSONText.quoted(source))"]
        if let frame { fields.append("\"frame\": \(frame)") }
        fields.append("\"box\": [\(coordinates)]")
        fields.append("\"class\": \"\(face.detection.faceClass)\"")
        fields.append(String(format: "\"confidence\": %.3f", face.detection.confidence))
        let name = face.match.map { JSONText.quoted($0.name ?? "unknown") } ?? "null"
        fields.append("\"name\": \(name)")
        let distance = face.match?.distance.map { String(format: "%.3f", $0) } ?? "null"
        fields.append("\"distance\": \(distance)")
        return "{" + fields.joined(separator: ", ") + "}"
    }

    /// The per-stage table: mean and median milliseconds per frame, then frames per
    /// second, as YOLOv5's detect.py ends with its speed line.
    static func speedTable(_ table: LatencyTable, inputSize: Int, recognition: Bool)
        -> [String]
    {
        guard table.frameCount > 0 else { return ["no frames processed"] }
        var lines = ["Speed: ms per frame at \(inputSize)x\(inputSize), mean / median over "
            + "\(table.frameCount) frames"]
        let stages: Set<PipelineStage> = recognition
            ? Set(PipelineStage.allCases) : [.preprocess, .inference, .nms]
        for row in table.rows where stages.contains(row.stage) {
            let name = row.stage.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            lines.append(String(format: "  %@ %8.1f / %6.1f", name, row.meanMilliseconds,
                                row.medianMilliseconds))
        }
        lines.append(String(format: "  %@ %8.1f / %6.1f", "total       ",
                            table.meanFrameMilliseconds, table.medianFrameMilliseconds))
        lines.append(String(format: "%.1f FPS (median frame: %.1f FPS)", table.framesPerSecond,
                            table.medianFramesPerSecond))
        return lines
    }
}
