import Foundation
import MaskFaceCore
import MaskFaceVision
import Testing
@testable import MaskFaceData

@Suite(.timeLimit(.minutes(1))) struct DetectionLoaderTests {
    /// The first `count` training images of the reference split (real photos, varied
    /// sizes), small enough for a quick epoch.
    static func kaggleTrainingSamples(count: Int) throws -> DetectionSamples {
        let folder = try #require(ImportedDatasets.kaggleWithReferenceSplit)
        let all = try DetectionSamples(dataset: DatasetFolder(folder), split: "train")
        return DetectionSamples((0..<count).map { (all.imagePaths[$0], all.labels[$0]) })
    }

    static func trainingLoader(_ samples: DetectionSamples, workers: Int, batchSize: Int = 6,
                               size: Int = 128) throws -> DetectionLoader {
        let augmenter = try OnlineAugmenter(hyperParameters: HyperParameters())
        return try DetectionLoader(
            samples: samples, mode: .training(augmenter),
            configuration: .init(batchSize: batchSize, imageSize: size, workers: workers,
                                 prefetchBatches: 2, seed: 11))
    }

    static func drain(_ stream: BatchStream) throws -> [DetectionBatch] {
        var batches: [DetectionBatch] = []
        while let batch = try stream.next() { batches.append(batch) }
        return batches
    }

    @Test func oneAndTwoWorkersGiveIdenticalBatches() throws {
        let samples = try Self.kaggleTrainingSamples(count: 20)
        let single = try Self.drain(Self.trainingLoader(samples, workers: 1)
            .batches(epoch: 3))
        let double = try Self.drain(Self.trainingLoader(samples, workers: 2)
            .batches(epoch: 3))
        #expect(single.map(\.imageCount) == [6, 6, 6, 2])
        #expect(single.map(\.index) == [0, 1, 2, 3])
        for (first, second) in zip(single, double) {
            #expect(first.pixels == second.pixels)
            #expect(first.labelRows == second.labelRows)
            #expect(first.imagePaths == second.imagePaths)
        }
        let direct = try Self.trainingLoader(samples, workers: 1).batch(epoch: 3, index: 1)
        #expect(direct.pixels == single[1].pixels)
    }

    @Test func batchesHaveTheDocumentedLayout() throws {
        let samples = try Self.kaggleTrainingSamples(count: 6)
        let batch = try Self.trainingLoader(samples, workers: 1).batch(epoch: 0, index: 0)
        #expect(batch.pixels.count == 6 * 3 * 128 * 128)
        #expect(batch.labelRows.count == batch.labelCount * 6 && batch.labelCount > 0)
        for row in 0..<batch.labelCount {
            let (imageIndex, label) = batch.label(row)
            #expect((0..<6).contains(imageIndex) && (0...1).contains(label.classIndex))
            #expect(label.centerX >= 0 && label.centerX <= 1 && label.width > 0)
        }
        #expect(batch.placements.isEmpty)
        let image = try Image(width: 128, height: 128, channels: 3,
                              pixels: batch.packedBGR(2))
        #expect(image.width == 128)
    }

    @Test func epochsShuffleDifferentlyAndRepeatExactly() throws {
        let loader = try Self.trainingLoader(Self.kaggleTrainingSamples(count: 20), workers: 1)
        #expect(loader.order(epoch: 0) == loader.order(epoch: 0))
        #expect(loader.order(epoch: 0) != loader.order(epoch: 1))
        #expect(loader.order(epoch: 1).sorted() == Array(0..<20))
    }

    @Test func stoppingEarlyNeverHangs() throws {
        let loader = try Self.trainingLoader(Self.kaggleTrainingSamples(count: 40),
                                             workers: 2, batchSize: 4)
        for _ in 0..<3 {
            let stream = loader.batches(epoch: 0)
            #expect(try stream.next() != nil)
            #expect(try stream.next() != nil)
            stream.close()
            #expect(try stream.next() == nil)
        }
        // Dropping a stream without closing it stops its workers as well.
        do {
            let stream = loader.batches(epoch: 1)
            _ = try stream.next()
        }
    }

    @Test func eachBatchCanHaveItsOwnSize() throws {
        let loader = try Self.trainingLoader(Self.kaggleTrainingSamples(count: 12), workers: 2)
        let batches = try Self.drain(loader.batches(epoch: 0) { $0 % 2 == 0 ? 96 : 160 })
        #expect(batches.map(\.imageSize) == [96, 160])
        #expect(batches[1].pixels.count == 6 * 3 * 160 * 160)
    }

    @Test func aDeletedImageIsOneErrorNamingIt() throws {
        let dataset = try smallKaggleDataset(train: 8)
        let samples = try DetectionSamples(dataset: dataset, split: "train")
        let doomed = dataset.imagePath("maksssksksss5.jpg")
        try FileManager.default.removeItem(atPath: doomed)
        let stream = try Self.trainingLoader(samples, workers: 2, batchSize: 2).batches(epoch: 0)
        var error: SourceProblem?
        var delivered = 0
        do {
            while try stream.next() != nil { delivered += 1 }
        } catch let problem as SourceProblem {
            error = problem
        }
        #expect(delivered < 4)
        // A mosaic may pull the image in as a partner of any sample, so any batch can fail.
        #expect(error?.path == doomed)
        #expect(error?.problem.contains("missing") == true)
        #expect(try stream.next() == nil)
        stream.close()
    }

    @Test func validationBatchesLetterboxAndMapBack() throws {
        let folder = try #require(ImportedDatasets.kaggleWithReferenceSplit)
        let dataset = try DatasetFolder(folder)
        let all = try DetectionSamples(dataset: dataset, split: "val")
        let samples = DetectionSamples((0..<5).map { (all.imagePaths[$0], all.labels[$0]) })
        let loader = try DetectionLoader(samples: samples, mode: .validation,
                                         configuration: .init(batchSize: 5, imageSize: 160))
        #expect(loader.order(epoch: 4) == Array(0..<5))
        let batch = try #require(try Self.drain(loader.batches(epoch: 0)).first)
        #expect(batch.imagePaths == samples.imagePaths && batch.placements.count == 5)
        #expect(batch.labelCount == samples.labels.joined().count)
        for row in 0..<batch.labelCount {
            let (slot, label) = batch.label(row)
            let placement = batch.placements[slot]
            let onCanvas = label.corners(imageWidth: 160, imageHeight: 160)
            let back = placement.toOriginal(onCanvas)
            let original = try #require(samples.labels[slot].first {
                $0.classIndex == label.classIndex
                    && abs($0.centerX * Double(placement.originalWidth) - (back.x1 + back.x2) / 2)
                        < 0.5
            }, "row \(row)")
            let expected = original.corners(imageWidth: placement.originalWidth,
                                            imageHeight: placement.originalHeight)
            #expect(abs(back.y1 - expected.y1) < 0.5 && abs(back.x2 - expected.x2) < 0.5)
        }
    }

    @Test func badConfigurationsAreRefused() throws {
        let samples = DetectionSamples([])
        #expect(throws: SourceProblem.self) {
            try DetectionLoader(samples: samples, mode: .validation,
                                configuration: .init(batchSize: 4))
        }
    }
}
