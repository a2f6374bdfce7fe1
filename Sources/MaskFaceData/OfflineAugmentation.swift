import MaskFaceCore
import MaskFaceVision

/// Roboflow-style offline augmentation settings: each training image yields
/// `outputsPerImage` images, itself and `outputsPerImage - 1` augmented copies whose
/// hue, rotation and shear are drawn uniformly within the limits (degrees, +/-).
///
/// Known approximation: Roboflow documents the options, not the exact geometry. Here a
/// rotated or sheared copy keeps the source's size (corners cropped, black fill) and a
/// mosaic keeps the first image's size; checking against a Roboflow export of the same
/// images would settle it.
public struct OfflineAugmentation: Sendable, Codable, Equatable {
    public var outputsPerImage: Int
    public var hueDegrees: Double
    public var rotationDegrees: Double
    public var shearXDegrees: Double
    public var shearYDegrees: Double
    /// Whether each copy is a mosaic of four training images before the other transforms.
    public var mosaic: Bool
    public var seed: UInt64

    public init(outputsPerImage: Int, hueDegrees: Double = 0, rotationDegrees: Double = 0,
                shearXDegrees: Double = 0, shearYDegrees: Double = 0, mosaic: Bool = false,
                seed: UInt64 = 0) {
        self.outputsPerImage = outputsPerImage
        self.hueDegrees = hueDegrees
        self.rotationDegrees = rotationDegrees
        self.shearXDegrees = shearXDegrees
        self.shearYDegrees = shearYDegrees
        self.mosaic = mosaic
        self.seed = seed
    }

    /// Checks the limits: angles non-negative (hue up to 180, rotation up to 180, shear up
    /// to 45 degrees) and 1...50 outputs per image.
    /// - Throws: `SourceProblem` whose path is the command-line option at fault.
    public func validate() throws {
        let limits: [(String, Double, ClosedRange<Double>)] = [
            ("--hue", hueDegrees, 0...180),
            ("--rotation", rotationDegrees, 0...180),
            ("--shear", shearXDegrees, 0...45),
            ("--shear", shearYDegrees, 0...45),
        ]
        for (option, value, range) in limits where !range.contains(value) {
            throw SourceProblem(path: option, problem: "\(value) degrees is outside "
                                + "\(range.lowerBound)...\(range.upperBound)")
        }
        guard (1...50).contains(outputsPerImage) else {
            throw SourceProblem(path: "--outputs", problem: "\(outputsPerImage) is not "
                                + "in 1...50 (1 keeps the originals only)")
        }
    }

    /// Boxes smaller than 2 px or with under 10 % of their area left are dropped.
    static let filter = BoxCandidateFilter.standard
    /// Roboflow fills the corners a rotation uncovers with black.
    static let border = Color.black

    /// One augmented copy of `image`: mosaic with `partners` (three other images) when
    /// enabled, then rotation and shear about the centre on a canvas of the same size,
    /// then the hue shift. Labels are pixel xyxy on the image and follow every step.
    public func augmentCopy(
        of image: Image, labels: [PixelLabel], partners: [(Image, [PixelLabel])],
        using generator: inout SeededGenerator
    ) throws -> (Image, [PixelLabel]) {
        var current = (image, labels)
        if mosaic, partners.count >= 3 {
            current = try MosaicTiling.grid(
                [(image, labels)] + partners.prefix(3), width: image.width,
                height: image.height, filter: Self.filter, using: &generator)
        }
        current = try rotateAndShear(current.0, current.1, using: &generator)
        let hue = generator.uniform(-hueDegrees...hueDegrees)
        if hueDegrees > 0 {
            current.0 = try PixelOperations.shiftingHue(of: current.0, degrees: hue)
        }
        return current
    }

    private func rotateAndShear(_ image: Image, _ labels: [PixelLabel],
                                using generator: inout SeededGenerator) throws
        -> (Image, [PixelLabel])
    {
        let angle = generator.uniform(-rotationDegrees...rotationDegrees)
        let shearX = generator.uniform(-shearXDegrees...shearXDegrees)
        let shearY = generator.uniform(-shearYDegrees...shearYDegrees)
        guard angle != 0 || shearX != 0 || shearY != 0 else { return (image, labels) }
        let centerX = Double(image.width) / 2, centerY = Double(image.height) / 2
        let transform = ProjectiveTransform.translation(x: centerX, y: centerY)
            .after(.shear(xDegrees: shearX, yDegrees: shearY))
            .after(.rotation(degrees: angle))
            .after(.translation(x: -centerX, y: -centerY))
        let warped = try image.warpedAffine(
            matrix: transform.affineRows, width: image.width, height: image.height,
            border: Self.border)
        let moved = Self.filter.transform(labels, by: transform.onPixelEdges,
                                          width: image.width, height: image.height)
        return (warped, moved)
    }
}

/// Four images in a 2 x 2 grid around a random centre, each scaled to cover its cell
/// (aspect ratio kept) and cropped on its outer sides, so every cell meets the centre
/// with an image corner, as in Roboflow's and YOLOv5's mosaics.
enum MosaicTiling {
    static func grid(
        _ tiles: [(Image, [PixelLabel])], width: Int, height: Int, filter: BoxCandidateFilter,
        using generator: inout SeededGenerator
    ) throws -> (Image, [PixelLabel]) {
        let centerX = Int(generator.uniform(0.3...0.7) * Double(width))
        let centerY = Int(generator.uniform(0.3...0.7) * Double(height))
        let canvas = try Image(width: width, height: height, fill: .letterboxGray)
        let cells = [(0, 0, centerX, centerY), (centerX, 0, width - centerX, centerY),
                     (0, centerY, centerX, height - centerY),
                     (centerX, centerY, width - centerX, height - centerY)]
        var labels: [PixelLabel] = []
        for (position, (tile, cell)) in zip(tiles, cells).enumerated() {
            let (image, tileLabels) = tile
            let (cellX, cellY, cellWidth, cellHeight) = cell
            guard cellWidth > 0, cellHeight > 0 else { continue }
            let scale = max(Double(cellWidth) / Double(image.width),
                            Double(cellHeight) / Double(image.height))
            let resizedWidth = max(Int((Double(image.width) * scale).rounded(.up)), cellWidth)
            let resizedHeight = max(Int((Double(image.height) * scale).rounded(.up)), cellHeight)
            let resized = try image.resized(width: resizedWidth, height: resizedHeight)
            // Left cells show the right part of their image, top cells the bottom part.
            let regionX = position % 2 == 0 ? resizedWidth - cellWidth : 0
            let regionY = position < 2 ? resizedHeight - cellHeight : 0
            try canvas.paste(resized, region: PixelRect(x: regionX, y: regionY,
                                                        width: cellWidth, height: cellHeight),
                             atX: cellX, y: cellY)
            let placement = ProjectiveTransform.translation(
                x: Double(cellX - regionX), y: Double(cellY - regionY))
                .after(.scale(x: Double(resizedWidth) / Double(image.width),
                              y: Double(resizedHeight) / Double(image.height)))
            labels += tileLabels.compactMap { label in
                let moved = placement.transformed(label.box)
                let clipped = PixelBox(
                    x1: max(moved.x1, Double(cellX)), y1: max(moved.y1, Double(cellY)),
                    x2: min(moved.x2, Double(cellX + cellWidth)),
                    y2: min(moved.y2, Double(cellY + cellHeight)))
                guard filter.keeps(original: label.box, new: clipped,
                                   areaScale: placement.areaScale) else { return nil }
                return PixelLabel(classIndex: label.classIndex, box: clipped)
            }
        }
        return (canvas, labels)
    }
}
