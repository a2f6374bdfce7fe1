import Foundation
import MaskFaceVision

/// The images of one split with their labels, read once, from which the loader and the
/// augmenters decode samples on demand.
///
/// Labels are held in memory (a few boxes per image); images are decoded each time they
/// are used, so memory stays bounded by what is in flight.
public struct DetectionSamples: Sendable {
    public let imagePaths: [String]
    /// Labels per image, normalised `class cx cy w h`.
    public let labels: [[BoxLabel]]

    /// Images given by path, each with its labels.
    public init(_ samples: [(imagePath: String, labels: [BoxLabel])]) {
        imagePaths = samples.map(\.imagePath)
        labels = samples.map(\.labels)
    }

    /// The split's images and labels.
    /// - Throws: `SourceProblem` naming the split list or label file (and line) at fault.
    public init(dataset: DatasetFolder, split: String) throws {
        let names = try dataset.imageNames(inSplit: split)
        imagePaths = names.map(dataset.imagePath)
        labels = try names.map { try dataset.labels(of: $0) }
    }

    public var count: Int { imagePaths.count }

    /// Image `index` resized so its long side is `longSide` (YOLOv5's `load_image`), its
    /// labels in pixels on the resized image, and its original width and height.
    /// - Throws: `SourceProblem` naming the image when it is missing or cannot be decoded.
    public func load(_ index: Int, longSide: Int, augmenting: Bool) throws -> LoadedSample {
        let path = imagePaths[index]
        let original: Image
        do {
            original = try ImageInspection.decode(path)
        } catch let problem as SourceProblem {
            let missing = !FileManager.default.fileExists(atPath: path)
            throw missing ? SourceProblem(path: path, problem: "missing (deleted or moved since "
                                          + "the dataset was imported?)") : problem
        }
        let image = try Letterbox.resizeLongSide(original, to: longSide, augmenting: augmenting)
        let pixelLabels = labels[index].map {
            PixelLabel($0, width: image.width, height: image.height)
        }
        return LoadedSample(image: image, labels: pixelLabels, originalWidth: original.width,
                            originalHeight: original.height)
    }
}

/// One decoded image and its labels in pixels on it.
public struct LoadedSample {
    public var image: Image
    public var labels: [PixelLabel]
    public var originalWidth: Int
    public var originalHeight: Int
}
