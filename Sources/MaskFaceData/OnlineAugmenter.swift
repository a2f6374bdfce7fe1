import MaskFaceCore
import MaskFaceVision

/// YOLOv5's training-time augmentation, driven by the hyp file: a mosaic of four images
/// (with probability `mosaic`) or one letterboxed image, then a random perspective warp
/// (rotation and scale, shear, translation, perspective), HSV gains and flips.
///
/// Every random draw comes from the generator passed in, so a sample is reproducible
/// from its seed. Output images are `size` x `size` BGR; labels are pixel xyxy on them.
public struct OnlineAugmenter: Sendable {
    public let hyperParameters: HyperParameters
    static let filter = BoxCandidateFilter.standard

    /// - Throws: `SourceProblem` (path `hyp`) for mixup or copy-paste, which are not
    ///   implemented; set them to 0. (YOLOv5's scratch-low file has both at 0.)
    public init(hyperParameters: HyperParameters) throws {
        // Known gap: mixup (beta-weighted blend of two mosaics) and copy-paste (needs
        // segments) are missing; they would go between the mosaic and the HSV step.
        let unsupported = [("mixup", hyperParameters.mixupProbability),
                           ("copy_paste", hyperParameters.copyPasteProbability)]
        for (key, value) in unsupported where value > 0 {
            throw SourceProblem(path: "hyp", problem: "\(key) \(value) is not supported yet; "
                                + "set it to 0")
        }
        self.hyperParameters = hyperParameters
    }

    /// Training sample `index` of `samples` at `size` x `size`.
    public func trainingSample(
        _ index: Int, of samples: DetectionSamples, size: Int,
        using generator: inout SeededGenerator
    ) throws -> (Image, [PixelLabel]) {
        var image: Image
        var labels: [PixelLabel]
        if generator.uniform(0...1) < hyperParameters.mosaicProbability {
            (image, labels) = try YOLOMosaic.combine(index, of: samples, size: size,
                                                     using: &generator)
            (image, labels) = try randomPerspective(image, labels, outputSize: size,
                                                    using: &generator)
        } else {
            let loaded = try samples.load(index, longSide: size, augmenting: true)
            let (boxed, placement) = try Letterbox.fit(loaded.image, width: size, height: size)
            labels = loaded.labels.map {
                PixelLabel(classIndex: $0.classIndex, box: placement.toCanvas($0.box))
            }
            (image, labels) = try randomPerspective(boxed, labels, outputSize: size,
                                                    using: &generator)
        }
        image = try adjustHSV(image, using: &generator)
        return try flip(image, labels, using: &generator)
    }

    /// YOLOv5's `random_perspective`: M = T S R P C, where C moves the image centre to
    /// the origin, P adds perspective, R rotates and scales, S shears and T translates
    /// to a random point near the centre of the `outputSize` square. A mosaic (2s x 2s)
    /// comes out s x s, its middle region.
    func randomPerspective(
        _ image: Image, _ labels: [PixelLabel], outputSize: Int,
        using generator: inout SeededGenerator
    ) throws -> (Image, [PixelLabel]) {
        let hyp = hyperParameters
        let size = Double(outputSize)
        let center = ProjectiveTransform.translation(x: -Double(image.width) / 2,
                                                     y: -Double(image.height) / 2)
        let perspective = ProjectiveTransform.perspective(
            x: generator.uniform(-hyp.perspective...hyp.perspective),
            y: generator.uniform(-hyp.perspective...hyp.perspective))
        let rotation = ProjectiveTransform.rotation(
            degrees: generator.uniform(-hyp.rotationDegrees...hyp.rotationDegrees),
            scale: generator.uniform((1 - hyp.scale)...(1 + hyp.scale)))
        let shear = ProjectiveTransform.shear(
            xDegrees: generator.uniform(-hyp.shearDegrees...hyp.shearDegrees),
            yDegrees: generator.uniform(-hyp.shearDegrees...hyp.shearDegrees))
        let translation = ProjectiveTransform.translation(
            x: generator.uniform((0.5 - hyp.translation)...(0.5 + hyp.translation)) * size,
            y: generator.uniform((0.5 - hyp.translation)...(0.5 + hyp.translation)) * size)
        let transform = translation.after(shear).after(rotation).after(perspective)
            .after(center)
        let warped = transform.isAffine
            ? try image.warpedAffine(matrix: transform.affineRows, width: outputSize,
                                     height: outputSize, border: .letterboxGray)
            : try image.warpedPerspective(matrix: transform.matrix, width: outputSize,
                                          height: outputSize, border: .letterboxGray)
        let moved = Self.filter.transform(labels, by: transform.onPixelEdges,
                                          width: outputSize, height: outputSize)
        return (warped, moved)
    }

    /// Random gains in [1 - g, 1 + g] on hue, saturation and value, through lookup tables
    /// (YOLOv5's `augment_hsv`).
    func adjustHSV(_ image: Image, using generator: inout SeededGenerator) throws -> Image {
        let hyp = hyperParameters
        let gains = [hyp.hueGain, hyp.saturationGain, hyp.valueGain].map {
            generator.uniform(-1...1) * $0 + 1
        }
        guard hyp.hueGain > 0 || hyp.saturationGain > 0 || hyp.valueGain > 0 else {
            return image
        }
        return try image.adjustedHSV(hueGain: gains[0], saturationGain: gains[1],
                                     valueGain: gains[2])
    }

    /// Up-down and left-right flips with their probabilities.
    func flip(_ image: Image, _ labels: [PixelLabel], using generator: inout SeededGenerator)
        throws -> (Image, [PixelLabel])
    {
        var image = image, labels = labels
        let width = Double(image.width), height = Double(image.height)
        if generator.uniform(0...1) < hyperParameters.flipUpDownProbability {
            image = try image.flipped(.vertical)
            labels = labels.map { label in
                var flipped = label
                flipped.box = PixelBox(x1: label.box.x1, y1: height - label.box.y2,
                                       x2: label.box.x2, y2: height - label.box.y1)
                return flipped
            }
        }
        if generator.uniform(0...1) < hyperParameters.flipLeftRightProbability {
            image = try image.flipped(.horizontal)
            labels = labels.map { label in
                var flipped = label
                flipped.box = PixelBox(x1: width - label.box.x2, y1: label.box.y1,
                                       x2: width - label.box.x1, y2: label.box.y2)
                return flipped
            }
        }
        return (image, labels)
    }
}
