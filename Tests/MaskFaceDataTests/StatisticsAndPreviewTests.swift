import Foundation
import MaskFaceVision
import Testing
@testable import MaskFaceData

@Suite struct StatisticsAndPreviewTests {
    /// Figures from the Kaggle set's README: 22 px median box width, 431 boxes under
    /// 10 px wide, the smallest 1 px wide; split counts from the fixtures README.
    @Test func kaggleStatisticsMatchTheDatasetNotes() throws {
        let folder = try #require(ImportedDatasets.kaggleWithReferenceSplit)
        let statistics = try DatasetStatistics.compute(dataset: DatasetFolder(folder))
        #expect(statistics.splits.map(\.name) == ["all", "train", "val", "test"])
        let all = statistics.splits[0]
        #expect(all.images == 853 && all.boxesPerClass == [3232, 840])
        #expect(DatasetStatistics.median(all.widths) == 22)
        #expect(all.narrowBoxes == 431 && all.widths.first == 1)
        #expect(statistics.splits[1].boxesPerClass == [1969, 599])
        #expect(statistics.splits[3].images == 256)
        let table = statistics.tableLines
        #expect(table.contains { $0.hasPrefix("train") && $0.hasSuffix("1969     599") })
    }

    @Test(arguments: [([1.0, 2, 9], 2.0), ([1.0, 2, 3, 10], 2.5), ([], nil)]
          as [([Double], Double?)])
    func medianOfSortedValues(values: [Double], expected: Double?) {
        #expect(DatasetStatistics.median(values) == expected)
    }

    @Test func previewGridShowsEveryImageWithItsBoxes() throws {
        let box = PixelBox(x1: 20, y1: 20, x2: 60, y2: 50)
        let samples = try rectangleSamples(Array(repeating: (100, 80, box), count: 5))
        let loader = try DetectionLoader(samples: samples, mode: .validation,
                                         configuration: .init(batchSize: 5, imageSize: 96))
        let sheet = try PreviewGrid.render(loader.batch(epoch: 0, index: 0))
        // Five images need a 3 x 2 grid of 96 px tiles.
        #expect(sheet.width == 288 && sheet.height == 192)
        let pixels = try sheet.pixels()
        let green = stride(from: 0, to: pixels.count, by: 3).filter {
            pixels[$0 + 1] > 150 && pixels[$0] < 100 && pixels[$0 + 2] < 100
        }
        let red = stride(from: 0, to: pixels.count, by: 3).filter {
            pixels[$0 + 2] > 200 && pixels[$0 + 1] < 100 && pixels[$0] < 100
        }
        #expect(green.count > 50 && red.count > 50, "mask and nomask boxes are drawn")
        let path = try temporaryFolder() + "/grid.jpg"
        try sheet.write(to: path)
        #expect(try Image(contentsOf: path).width == 288)
    }
}
