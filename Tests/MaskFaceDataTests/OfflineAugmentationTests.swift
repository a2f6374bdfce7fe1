import Foundation
import MaskFaceCore
import MaskFaceVision
import Testing
@testable import MaskFaceData

/// A small dataset of real Kaggle images with its own files (tests may write into it):
/// `train` training images, then 2 val and 2 test images.
func smallKaggleDataset(train: Int = 8) throws -> DatasetFolder {
    let source = try #require(ImportedDatasets.kaggle, "the shared import failed")
    let folder = try temporaryFolder() + "/small"
    let files = FileManager.default
    for child in ["images", "labels"] {
        try files.createDirectory(atPath: "\(folder)/\(child)", withIntermediateDirectories: true)
    }
    let names = (0..<(train + 4)).map { "maksssksksss\($0).jpg" }
    for name in names {
        let stem = String(name.dropLast(4))
        try files.copyItem(atPath: "\(source)/images/\(name)", toPath: "\(folder)/images/\(name)")
        try files.copyItem(atPath: "\(source)/labels/\(stem).txt",
                           toPath: "\(folder)/labels/\(stem).txt")
    }
    try files.copyItem(atPath: source + "/data.yaml", toPath: folder + "/data.yaml")
    try SplitFiles.write(Array(names.prefix(train)), to: folder + "/train.txt")
    try SplitFiles.write(Array(names[train..<(train + 2)]), to: folder + "/val.txt")
    try SplitFiles.write(Array(names.suffix(2)), to: folder + "/test.txt")
    return try DatasetFolder(folder)
}

@Suite struct OfflineAugmentationTests {
    /// The bounding box of pixels brighter than 127 in a BGR image.
    static func brightBounds(_ image: Image) throws -> PixelBox? {
        let gray = try image.converted(.bgrToGray).pixels()
        var bounds: PixelBox?
        for y in 0..<image.height {
            for x in 0..<image.width where gray[y * image.width + x] > 127 {
                let pixel = PixelBox(x1: Double(x), y1: Double(y), x2: Double(x + 1),
                                     y2: Double(y + 1))
                bounds = bounds.map {
                    PixelBox(x1: min($0.x1, pixel.x1), y1: min($0.y1, pixel.y1),
                             x2: max($0.x2, pixel.x2), y2: max($0.y2, pixel.y2))
                } ?? pixel
            }
        }
        return bounds
    }

    @Test(arguments: [(30.0, 0.0, 0.0), (0.0, 15.0, 0.0), (0.0, 0.0, 15.0), (45.0, 10.0, 10.0)])
    func boxStillEnclosesTheDrawnRectangle(rotation: Double, shearX: Double, shearY: Double)
        throws
    {
        let image = try Image(width: 240, height: 180, fill: .black)
        try image.fillRectangle(PixelBox(x1: 80, y1: 60, x2: 150, y2: 110),
                                color: .white)
        // cv::rectangle fills both corner pixels: the drawn area is [80, 151) x [60, 111).
        let label = PixelLabel(classIndex: 1, box: PixelBox(x1: 80, y1: 60, x2: 151, y2: 111))
        let settings = OfflineAugmentation(outputsPerImage: 2, rotationDegrees: rotation,
                                           shearXDegrees: shearX, shearYDegrees: shearY)
        for seed in UInt64(0)..<4 {
            var generator = SeededGenerator(seed: seed)
            let (copy, labels) = try settings.augmentCopy(of: image, labels: [label],
                                                          partners: [], using: &generator)
            let drawn = try #require(try Self.brightBounds(copy))
            let box = try #require(labels.first).box
            // The label encloses the drawn pixels and is no looser than 1.5 px per side.
            #expect(box.x1 <= drawn.x1 + 0.5 && box.y1 <= drawn.y1 + 0.5, "\(box) \(drawn)")
            #expect(box.x2 >= drawn.x2 - 0.5 && box.y2 >= drawn.y2 - 0.5, "\(box) \(drawn)")
            #expect(drawn.x1 - box.x1 < 1.5 && box.x2 - drawn.x2 < 1.5, "\(box) \(drawn)")
            #expect(drawn.y1 - box.y1 < 1.5 && box.y2 - drawn.y2 < 1.5, "\(box) \(drawn)")
        }
    }

    @Test func boxesPushedOutOfTheImageAreDropped() {
        let labels = [PixelLabel(classIndex: 0, box: PixelBox(x1: 10, y1: 10, x2: 30, y2: 30)),
                      PixelLabel(classIndex: 1, box: PixelBox(x1: 87, y1: 40, x2: 127, y2: 60))]
        let moved = BoxCandidateFilter.standard.transform(
            labels, by: .translation(x: 0, y: 0), width: 90, height: 100)
        // The second box keeps 3 of its 40 px width: under 10 % of its area.
        #expect(moved.map(\.classIndex) == [0])
    }

    @Test func hueShiftTurnsRedTowardsGreen() throws {
        let red = try Image(width: 4, height: 4, fill: Color(red: 255, green: 0, blue: 0))
        let shifted = try PixelOperations.shiftingHue(of: red, degrees: 120)
        let pixel = try shifted.pixel(x: 1, y: 1)
        #expect(pixel[1] > 200 && pixel[2] < 40 && pixel[0] < 40, "\(pixel)")
    }

    @Test func augmentsOnlyTheTrainingSplitAndReplacesEarlierCopies() throws {
        let dataset = try smallKaggleDataset()
        let untouched = try ["val.txt", "test.txt", "labels/maksssksksss8.txt"].map {
            try Data(contentsOf: URL(fileURLWithPath: "\(dataset.path)/\($0)"))
        }
        let settings = OfflineAugmentation(outputsPerImage: 3, hueDegrees: 20,
                                           rotationDegrees: 15, shearXDegrees: 10,
                                           shearYDegrees: 5, seed: 4)
        let report = try OfflineAugmenter(dataset: dataset, settings: settings).run()
        #expect(report.originals == 8 && report.copies == 16 && report.replacedCopies == 0)
        let train = try dataset.imageNames(inSplit: "train")
        #expect(train.count == 24)
        #expect(Array(train.prefix(3)) == ["maksssksksss0.jpg", "maksssksksss0_aug1.jpg",
                                           "maksssksksss0_aug2.jpg"])
        #expect(train.allSatisfy { FileManager.default.fileExists(atPath: dataset.imagePath($0)) })
        let firstRun = try copyContents(dataset, train)

        let again = try OfflineAugmenter(dataset: dataset, settings: settings).run()
        #expect(again.replacedCopies == 16 && again.copies == 16)
        #expect(try dataset.imageNames(inSplit: "train") == train, "no duplicated copies")
        #expect(try copyContents(dataset, train) == firstRun, "same seed, same copies")
        let after = try ["val.txt", "test.txt", "labels/maksssksksss8.txt"].map {
            try Data(contentsOf: URL(fileURLWithPath: "\(dataset.path)/\($0)"))
        }
        #expect(after == untouched)

        var otherSeed = settings
        otherSeed.seed = 5
        _ = try OfflineAugmenter(dataset: dataset, settings: otherSeed).run()
        #expect(try copyContents(dataset, train) != firstRun)

        #expect(try OfflineAugmenter.removeCopies(from: dataset) == 16)
        #expect(try dataset.imageNames(inSplit: "train").count == 8)
        #expect(dataset.imageNames().count == 12)
    }

    @Test func mosaicCopiesHaveLabelsInsideTheImage() throws {
        let dataset = try smallKaggleDataset(train: 6)
        let settings = OfflineAugmentation(outputsPerImage: 2, rotationDegrees: 5, mosaic: true,
                                           seed: 1)
        let report = try OfflineAugmenter(dataset: dataset, settings: settings).run()
        #expect(report.copies == 6)
        var boxes = 0
        for index in 0..<6 {
            let labels = try dataset.labels(of: "maksssksksss\(index)_aug1.jpg")
            boxes += labels.count
            for label in labels {
                let corners = label.corners(imageWidth: 1, imageHeight: 1)
                #expect(corners.x1 >= 0 && corners.y1 >= 0 && corners.x2 <= 1 + 1e-6
                        && corners.y2 <= 1 + 1e-6)
            }
        }
        #expect(boxes > 6, "mosaics bring boxes from four images")
    }

    @Test func splittingAnAugmentedDatasetIsRefused() throws {
        let dataset = try smallKaggleDataset(train: 2)
        _ = try OfflineAugmenter(dataset: dataset, settings: OfflineAugmentation(
            outputsPerImage: 2, rotationDegrees: 5)).run()
        let error = #expect(throws: SourceProblem.self) {
            try SplitMaker(dataset: dataset).makeStratified(ratios: [0.6, 0.1, 0.3], seed: 0)
        }
        #expect(error?.path == dataset.path + "/augment.json")
    }

    @Test(arguments: [
        (OfflineAugmentation(outputsPerImage: 0), "--outputs: 0 is not in 1...50"),
        (OfflineAugmentation(outputsPerImage: 3, hueDegrees: -5), "--hue: -5.0 degrees"),
        (OfflineAugmentation(outputsPerImage: 3, shearYDegrees: 60), "--shear: 60.0 degrees"),
    ])
    func badSettingsNameTheOption(settings: OfflineAugmentation, start: String) {
        let error = #expect(throws: SourceProblem.self) { try settings.validate() }
        #expect(error?.description.hasPrefix(start) == true, "\(String(describing: error))")
    }

    /// Bytes of every copy's image and label file.
    private func copyContents(_ dataset: DatasetFolder, _ names: [String]) throws -> [Data] {
        try names.filter { $0.contains("_aug") }.flatMap { name in
            [try Data(contentsOf: URL(fileURLWithPath: dataset.imagePath(name))),
             try Data(contentsOf: URL(fileURLWithPath: dataset.labelPath(name)))]
        }
    }
}
