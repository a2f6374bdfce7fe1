import MaskFaceCore
import MaskFaceVision

/// Turns a split into batches: decodes, augments (training) or letterboxes (validation),
/// and packs images and labels as `DetectionBatch`es, on background threads.
///
/// Deterministic: the batch order of an epoch comes from (seed, epoch) and each sample's
/// random draws from (seed, epoch, sample index), so batches are the same bytes whatever
/// the worker count or thread timing. Training shuffles every epoch; validation keeps the
/// split's order and letterboxes each image to a square with gray 114 padding.
public final class DetectionLoader: Sendable {
    public enum Mode: Sendable {
        case training(OnlineAugmenter)
        case validation
    }

    public struct Configuration: Sendable {
        public var batchSize: Int
        /// Side of the square batch images, in pixels (a multiple of 32 for YOLOv5).
        public var imageSize: Int
        /// Background threads decoding and augmenting; each builds whole batches.
        public var workers: Int
        /// Batches produced ahead of the consumer at most (ready or in progress), which
        /// bounds memory to about prefetch x batch size x 3 x size^2 bytes.
        public var prefetchBatches: Int
        public var seed: UInt64

        public init(batchSize: Int = 16, imageSize: Int = 320, workers: Int = 2,
                    prefetchBatches: Int = 4, seed: UInt64 = 0) {
            self.batchSize = batchSize
            self.imageSize = imageSize
            self.workers = workers
            self.prefetchBatches = prefetchBatches
            self.seed = seed
        }
    }

    public let samples: DetectionSamples
    public let mode: Mode
    public let configuration: Configuration

    /// - Throws: `SourceProblem` for an empty split or a batch size, image size, worker
    ///   or prefetch count below 1.
    public init(samples: DetectionSamples, mode: Mode, configuration: Configuration) throws {
        let checks = [("batch size", configuration.batchSize, 1),
                      ("image size", configuration.imageSize, 8),
                      ("workers", configuration.workers, 1),
                      ("prefetch", configuration.prefetchBatches, 1), ("images", samples.count, 1)]
        for (name, value, minimum) in checks where value < minimum {
            throw SourceProblem(path: "loader", problem: "\(name) is \(value), needs at least "
                                + "\(minimum)")
        }
        self.samples = samples
        self.mode = mode
        self.configuration = configuration
    }

    /// Batches per epoch; the last one may be smaller.
    public var batchCount: Int {
        (samples.count + configuration.batchSize - 1) / configuration.batchSize
    }

    /// Sample indices in the order epoch `epoch` visits them.
    public func order(epoch: Int) -> [Int] {
        guard case .training = mode else { return Array(0..<samples.count) }
        var generator = SeededGenerator(seed: SampleSeed.derive(configuration.seed,
                                                                UInt64(epoch)))
        return Array(0..<samples.count).shuffled(using: &generator)
    }

    /// The batches of an epoch, produced ahead on `workers` threads.
    /// - Parameter imageSizes: the image size of each batch, by batch index (multi-scale
    ///   training); it is called on the worker threads, so it must be deterministic.
    public func batches(
        epoch: Int,
        imageSizes: (@Sendable (Int) -> Int)? = nil
    ) -> BatchStream {
        let size = configuration.imageSize
        let sizes = imageSizes ?? { _ in size }
        let order = order(epoch: epoch)
        return BatchStream(
            batchCount: batchCount, workers: configuration.workers,
            prefetch: configuration.prefetchBatches
        ) { [self] index in
            try makeBatch(epoch: epoch, index: index, order: order, imageSize: sizes(index))
        }
    }

    /// Batch `index` of `epoch` at `imageSize`, built on the calling thread.
    public func batch(epoch: Int, index: Int, imageSize: Int? = nil) throws -> DetectionBatch {
        try makeBatch(epoch: epoch, index: index, order: order(epoch: epoch),
                      imageSize: imageSize ?? configuration.imageSize)
    }

    private func makeBatch(epoch: Int, index: Int, order: [Int], imageSize: Int) throws
        -> DetectionBatch
    {
        let start = index * configuration.batchSize
        let members = Array(order[start..<min(start + configuration.batchSize, order.count)])
        let imageBytes = 3 * imageSize * imageSize
        var pixels = [UInt8](repeating: 0, count: members.count * imageBytes)
        var rows: [Float] = []
        var placements: [LetterboxPlacement] = []
        for (slot, sampleIndex) in members.enumerated() {
            var generator = SeededGenerator(seed: SampleSeed.derive(
                configuration.seed, UInt64(epoch), UInt64(sampleIndex)))
            let (image, labels, placement) = try sample(sampleIndex, size: imageSize,
                                                        using: &generator)
            try PixelOperations.writePlanarRGB(of: image, size: imageSize, into: &pixels,
                                               at: slot * imageBytes)
            if let placement { placements.append(placement) }
            for label in labels {
                let box = label.normalized(width: imageSize, height: imageSize)
                rows += [Float(slot), Float(box.classIndex), Float(box.centerX),
                         Float(box.centerY), Float(box.width), Float(box.height)]
            }
        }
        return DetectionBatch(index: index, imageSize: imageSize, imageCount: members.count,
                              pixels: pixels, labelRows: rows,
                              imagePaths: members.map { samples.imagePaths[$0] },
                              placements: placements)
    }

    /// One sample at `size` x `size`, with labels in pixels on it.
    func sample(_ index: Int, size: Int, using generator: inout SeededGenerator) throws
        -> (Image, [PixelLabel], LetterboxPlacement?)
    {
        switch mode {
        case .training(let augmenter):
            let (image, labels) = try augmenter.trainingSample(index, of: samples, size: size,
                                                               using: &generator)
            return (image, labels, nil)
        case .validation:
            let (image, labels, placement) = try Self.letterboxed(index, of: samples, size: size)
            return (image, labels, placement)
        }
    }

    /// YOLOv5's validation input: long side resized to `size` (area averaging when
    /// shrinking), then padded to a square; the placement maps back to the original.
    ///
    /// Known gap: YOLOv5 validates in rectangular batches (images ordered by aspect ratio,
    /// each batch padded only to its own stride-32 shape), which is faster and pads less.
    /// Batches here are square; rectangular ones need aspect-ordered batches and a
    /// per-batch shape in `DetectionBatch` (`Letterbox.fit(minimalStride:)` exists).
    public static func letterboxed(_ index: Int, of samples: DetectionSamples, size: Int)
        throws -> (Image, [PixelLabel], LetterboxPlacement)
    {
        let loaded = try samples.load(index, longSide: size, augmenting: false)
        let (canvas, placement) = try Letterbox.fit(loaded.image, width: size, height: size,
                                                    allowUpscaling: false)
        let labels = loaded.labels.map {
            PixelLabel(classIndex: $0.classIndex, box: placement.toCanvas($0.box))
        }
        var original = placement
        original.originalWidth = loaded.originalWidth
        original.originalHeight = loaded.originalHeight
        original.scale = placement.scale * Double(size)
            / Double(max(loaded.originalWidth, loaded.originalHeight))
        return (canvas, labels, original)
    }
}
