import CVision

/// Size of a text string as drawn, in pixels: `height` runs from the baseline up, and
/// `baseline` is how far descenders reach below it.
public struct TextExtent: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let baseline: Int
}

/// Drawing in place, anti-aliased, in FONT_HERSHEY_SIMPLEX for text. Coordinates are
/// pixels and are rounded down; colours are in the image's channel order (see `Color`).
extension Image {
    public func drawRectangle(_ box: PixelBox, color: Color, thickness: Int = 2) throws {
        try rectangle(box, color: color, thickness: Int32(clamping: max(thickness, 1)))
    }

    public func fillRectangle(_ box: PixelBox, color: Color) throws {
        try rectangle(box, color: color, thickness: -1)
    }

    private func rectangle(_ box: PixelBox, color: Color, thickness: Int32) throws {
        let operation = "draw rectangle"
        let corners = try [box.x1, box.y1, box.x2, box.y2].map { try shimPixel($0, operation) }
        try callShim(operation) {
            cvision_draw_rectangle(
                handle, corners[0], corners[1], corners[2], corners[3], color.shimComponents,
                thickness, $0)
        }
    }

    public func drawLine(from start: PixelPoint, to end: PixelPoint, color: Color,
                         thickness: Int = 1) throws
    {
        let operation = "draw line"
        let ends = try [start.x, start.y, end.x, end.y].map { try shimPixel($0, operation) }
        try callShim(operation) {
            cvision_draw_line(
                handle, ends[0], ends[1], ends[2], ends[3], color.shimComponents,
                Int32(clamping: thickness), $0)
        }
    }

    /// A circle outline; `thickness` nil fills it (landmark dots).
    public func drawCircle(center: PixelPoint, radius: Int, color: Color,
                           thickness: Int? = nil) throws
    {
        let operation = "draw circle"
        let x = try shimPixel(center.x, operation)
        let y = try shimPixel(center.y, operation)
        let stroke = thickness.map { Int32(clamping: $0) } ?? -1
        try callShim(operation) {
            cvision_draw_circle(
                handle, x, y, Int32(clamping: radius), color.shimComponents, stroke, $0)
        }
    }

    /// Text whose baseline starts at `origin` (the text extends up and right from it).
    public func drawText(_ text: String, at origin: PixelPoint, fontScale: Double = 0.5,
                         color: Color, thickness: Int = 1) throws
    {
        let operation = "draw text"
        let x = try shimPixel(origin.x, operation)
        let y = try shimPixel(origin.y, operation)
        try callShim(operation) {
            cvision_draw_text(
                handle, text, x, y, fontScale, color.shimComponents, Int32(clamping: thickness),
                $0)
        }
    }

    /// The pixel size `drawText` would give `text`.
    public static func textExtent(_ text: String, fontScale: Double = 0.5, thickness: Int = 1)
        throws -> TextExtent
    {
        var width: Int32 = 0
        var height: Int32 = 0
        var baseline: Int32 = 0
        try callShim("measure text") {
            cvision_text_size(
                text, fontScale, Int32(clamping: thickness), &width, &height, &baseline, $0)
        }
        return TextExtent(width: Int(width), height: Int(height), baseline: Int(baseline))
    }

    /// A detection as YOLOv5's annotator draws it: the box outline, then `label` in
    /// `textColor` on a filled band of the box colour above the box's top-left corner (or
    /// just inside the box when there is no room above). `lineWidth` nil picks YOLOv5's
    /// default, about 0.3% of the image's mean side, at least 2 px; the font scale is
    /// lineWidth / 3 and the text stroke lineWidth - 1.
    public func drawDetection(_ box: PixelBox, label: String?, color: Color,
                              textColor: Color = .white, lineWidth: Int? = nil) throws
    {
        let defaultWidth = max(Int((Double(width + height) / 2 * 0.003).rounded()), 2)
        let line = max(lineWidth ?? defaultWidth, 1)
        try drawRectangle(box, color: color, thickness: line)
        guard let label, !label.isEmpty else { return }
        let operation = "draw detection label"
        let x = try shimPixel(box.x1, operation)
        let y = try shimPixel(box.y1, operation)
        let textThickness = Int32(max(line - 1, 1))
        try callShim(operation) {
            cvision_draw_label(
                handle, label, x, y, Double(line) / 3, textThickness, color.shimComponents,
                textColor.shimComponents, $0)
        }
    }
}
