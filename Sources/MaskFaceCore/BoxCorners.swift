/// An axis-aligned box by its corners, `x1 <= x2`, `y1 <= y2`, in pixels of whatever image
/// the caller works in (network input or original image).
public struct BoxCorners: Sendable, Equatable {
    public var x1: Float
    public var y1: Float
    public var x2: Float
    public var y2: Float

    public init(x1: Float, y1: Float, x2: Float, y2: Float) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    /// From a centre and size (YOLOv5's `xywh2xyxy`, with its float32 rounding).
    public init(centreX: Float, centreY: Float, width: Float, height: Float) {
        self.init(
            x1: centreX - width / 2, y1: centreY - height / 2,
            x2: centreX + width / 2, y2: centreY + height / 2)
    }

    public var area: Float { (x2 - x1) * (y2 - y1) }

    /// IoU as YOLOv5's `box_iou` computes it for metrics (float32, `+ 1e-7` in the
    /// denominator), so matches at a threshold agree with `val.py` exactly.
    public func metricIoU(with other: BoxCorners) -> Float {
        let overlapWidth = Swift.max(Swift.min(x2, other.x2) - Swift.max(x1, other.x1), 0)
        let overlapHeight = Swift.max(Swift.min(y2, other.y2) - Swift.max(y1, other.y1), 0)
        let intersection = overlapWidth * overlapHeight
        let ownArea = (x2 - x1) * (y2 - y1)
        let otherArea = (other.x2 - other.x1) * (other.y2 - other.y1)
        return intersection / (ownArea + otherArea - intersection + Float(1e-7))
    }
}
