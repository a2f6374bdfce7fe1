/// A point in pixels: x to the right, y down, origin at the image's top-left corner.
public struct PixelPoint: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A box in pixels, xyxy: (x1, y1) top-left, (x2, y2) bottom-right, so that `x2 - x1` is
/// the width. Detections from both YOLOv5 and dlib's detector use this form.
public struct PixelBox: Sendable, Equatable, Hashable {
    public var x1: Double
    public var y1: Double
    public var x2: Double
    public var y2: Double

    public init(x1: Double, y1: Double, x2: Double, y2: Double) {
        self.x1 = x1
        self.y1 = y1
        self.x2 = x2
        self.y2 = y2
    }

    public var width: Double { x2 - x1 }
    public var height: Double { y2 - y1 }
    public var center: PixelPoint { PixelPoint(x: (x1 + x2) / 2, y: (y1 + y2) / 2) }

    /// Whether `point` lies inside the box grown by `margin` pixels on every side.
    public func contains(_ point: PixelPoint, margin: Double = 0) -> Bool {
        point.x >= x1 - margin && point.x <= x2 + margin
            && point.y >= y1 - margin && point.y <= y2 + margin
    }

    /// The box limited to `0...width` x `0...height`.
    public func clipped(width: Double, height: Double) -> PixelBox {
        PixelBox(x1: min(max(x1, 0), width), y1: min(max(y1, 0), height),
                 x2: min(max(x2, 0), width), y2: min(max(y2, 0), height))
    }

    /// Intersection over union with `other` (0 when they do not overlap).
    public func intersectionOverUnion(_ other: PixelBox) -> Double {
        let width = max(0, min(x2, other.x2) - max(x1, other.x1))
        let height = max(0, min(y2, other.y2) - max(y1, other.y1))
        let intersection = width * height
        let union = self.width * self.height + other.width * other.height - intersection
        return union > 0 ? intersection / union : 0
    }
}

/// An integer pixel rectangle as x, y, width, height (top-left corner plus size), the
/// form crops and pastes take.
public struct PixelRect: Sendable, Equatable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// A pixel coordinate for the shim: rounded down (as YOLOv5's `int()` does for drawing),
/// clamped to Int32; NaN and infinities are an error rather than a trap.
func shimPixel(_ value: Double, _ operation: String) throws -> Int32 {
    guard value.isFinite else {
        throw VisionError(operation: operation, message: "coordinate \(value) is not finite")
    }
    let clamped = min(max(value.rounded(.down), Double(Int32.min)), Double(Int32.max))
    return Int32(clamped)
}
