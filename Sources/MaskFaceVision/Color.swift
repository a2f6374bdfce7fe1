/// A colour for drawing, padding and warp borders, 0...255 per channel.
///
/// Stored in OpenCV's BGR order because MaskFace images are BGR; a 1-channel image uses
/// only `blue` (use `Color(gray:)`).
public struct Color: Sendable, Equatable, Hashable {
    public var blue: Double
    public var green: Double
    public var red: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 255) {
        self.blue = blue
        self.green = green
        self.red = red
        self.alpha = alpha
    }

    /// The same level in every channel (gray images, or gray on colour images).
    public init(gray level: Double) {
        self.init(red: level, green: level, blue: level)
    }

    public static let black = Color(gray: 0)
    public static let white = Color(gray: 255)
    /// YOLOv5's letterbox padding colour.
    public static let letterboxGray = Color(gray: 114)

    /// Channel values in the order the shim expects (B, G, R, A).
    var shimComponents: [Double] { [blue, green, red, alpha] }
}
