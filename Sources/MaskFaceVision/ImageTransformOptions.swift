import CVision

/// How resizes and warps sample the source (OpenCV's `INTER_*` flags).
public enum Interpolation: Sendable {
    /// Nearest neighbour: no new colours (masks, label maps).
    case nearest
    /// Bilinear: OpenCV's default; YOLOv5's choice when enlarging and for its warps.
    case linear
    /// Bicubic: smoother when enlarging, slower.
    case cubic
    /// Pixel-area averaging: best when shrinking (YOLOv5 uses it to shrink in training).
    case area

    var shimValue: cvision_interpolation {
        switch self {
        case .nearest: CVISION_INTERPOLATION_NEAREST
        case .linear: CVISION_INTERPOLATION_LINEAR
        case .cubic: CVISION_INTERPOLATION_CUBIC
        case .area: CVISION_INTERPOLATION_AREA
        }
    }
}

/// Colour space conversions (OpenCV's `COLOR_*` codes). HSV is OpenCV's 8-bit form:
/// hue 0..179 (degrees / 2), saturation and value 0..255.
public enum ColorConversion: Sendable {
    case bgrToRGB
    case rgbToBGR
    case bgrToHSV
    case hsvToBGR
    case bgrToGray
    case grayToBGR
    case bgraToBGR

    var shimValue: cvision_color_conversion {
        switch self {
        case .bgrToRGB: CVISION_COLOR_BGR_TO_RGB
        case .rgbToBGR: CVISION_COLOR_RGB_TO_BGR
        case .bgrToHSV: CVISION_COLOR_BGR_TO_HSV
        case .hsvToBGR: CVISION_COLOR_HSV_TO_BGR
        case .bgrToGray: CVISION_COLOR_BGR_TO_GRAY
        case .grayToBGR: CVISION_COLOR_GRAY_TO_BGR
        case .bgraToBGR: CVISION_COLOR_BGRA_TO_BGR
        }
    }
}

/// Which way `flipped` mirrors an image.
public enum FlipAxis: Sendable {
    /// Left-right mirror: x becomes `width - 1 - x` (YOLOv5's `fliplr`).
    case horizontal
    /// Top-bottom mirror: y becomes `height - 1 - y`.
    case vertical

    var shimValue: cvision_flip {
        switch self {
        case .horizontal: CVISION_FLIP_HORIZONTAL
        case .vertical: CVISION_FLIP_VERTICAL
        }
    }
}
