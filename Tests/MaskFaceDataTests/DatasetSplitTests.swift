import Foundation
import MaskFaceCore
import Testing
@testable import MaskFaceData

@Suite struct DatasetSplitTests {
    /// Adopting the reference lists gives the reference box counts (fixtures README
    /// section 7: incorrectly worn masks count as nomask).
    @Test func adoptingTheReferenceSplitReproducesItsBoxCounts() throws {
        let dataset = try DatasetFolder(ImportedDatasets.workingCopy(of: ImportedDatasets.kaggle))
        let summary = try SplitMaker(dataset: dataset).adopt(from: referenceSplitFolder)
        let expected: [String: (Int, Int, Int)] = [
            "train": (512, 1969, 599), "val": (85, 263, 46), "test": (256, 1000, 195),
        ]
        for (split, (images, mask, nomask)) in expected {
            let counts = try #require(summary.counts[split])
            #expect(counts.images == images, "\(split)")
            #expect(counts.boxes == ["mask": mask, "nomask": nomask], "\(split)")
        }
        #expect(try dataset.imageNames(inSplit: "val").first == "maksssksksss0.jpg")
        #expect(try SplitSummary.read(dataset.path + "/split.json") == summary)
    }

    @Test func ownSplitHitsTheRatiosAndKeepsExactDuplicatesTogether() throws {
        let dataset = try DatasetFolder(ImportedDatasets.workingCopy(of: ImportedDatasets.kaggle))
        let summary = try SplitMaker(dataset: dataset).makeStratified(
            ratios: [0.6, 0.1, 0.3], seed: 0)
        let totals = ["images": 853.0, "mask": 3232, "nomask": 840]
        for (split, ratio) in zip(SplitFiles.names, [0.6, 0.1, 0.3]) {
            let counts = try #require(summary.counts[split])
            #expect(abs(Double(counts.images) / totals["images", default: 1] - ratio) < 0.02)
            for name in ClassMapping.canonicalNames {
                let share = Double(counts.boxes[name] ?? 0) / totals[name, default: 1]
                #expect(abs(share - ratio) < 0.03, "\(split) \(name): \(share)")
            }
        }
        let lists = try SplitFiles.names.map { Set(try dataset.imageNames(inSplit: $0)) }
        #expect(lists.map(\.count).reduce(0, +) == 853)
        for (first, second) in [(13, 737), (146, 219), (410, 428), (653, 775), (656, 690)] {
            let pair = ["maksssksksss\(first).jpg", "maksssksksss\(second).jpg"]
            #expect(lists.contains { $0.isSuperset(of: pair) }, "\(pair) split apart")
            #expect(summary.nearDuplicateGroups.contains { Set($0).isSuperset(of: pair) })
        }
        let yaml = try YAMLReader.read(contentsOf: dataset.dataYAMLPath)
        #expect(yaml["train"]?.string == "train.txt" && yaml["test"]?.string == "test.txt")
        #expect(yaml["names"]?.items?.count == 2)
    }

    @Test func adoptingNamesOutsideTheDatasetNamesTheListAndTheName() throws {
        let dataset = try DatasetFolder(ImportedDatasets.workingCopy(of: ImportedDatasets.kaggle))
        let lists = try temporaryFolder()
        try "maksssksksss1.jpg\n".write(toFile: lists + "/train.txt", atomically: true,
                                        encoding: .utf8)
        try "stranger.jpg\n".write(toFile: lists + "/val.txt", atomically: true, encoding: .utf8)
        try "".write(toFile: lists + "/test.txt", atomically: true, encoding: .utf8)
        let error = #expect(throws: SourceProblem.self) {
            try SplitMaker(dataset: dataset).adopt(from: lists)
        }
        #expect(error?.description == "\(lists)/val.txt: 'stranger.jpg' is not an image of "
                + dataset.path)
        #expect(!dataset.hasSplit("train"), "nothing is written on failure")

        try "maksssksksss1.jpg\n".write(toFile: lists + "/val.txt", atomically: true,
                                        encoding: .utf8)
        let twice = #expect(throws: SourceProblem.self) {
            try SplitMaker(dataset: dataset).adopt(from: lists)
        }
        #expect(twice?.description == "\(lists)/val.txt: 'maksssksksss1.jpg' is also in "
                + "\(lists)/train.txt")
    }

    @Test(arguments: [
        ("60,10,30", [0.6, 0.1, 0.3]), ("0.8,0.2,0", [0.8, 0.2, 0]),
        ("1, 1, 2", [0.25, 0.25, 0.5]),
    ])
    func ratiosAreScaledToOne(text: String, expected: [Double]) throws {
        let ratios = try SplitRatios.parse(text)
        #expect(zip(ratios, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test(arguments: [
        ("60,10", "expected three numbers TRAIN,VAL,TEST such as 60,10,30; got '60,10'"),
        ("a,b,c", "'a' in 'a,b,c' is not a non-negative number"),
        ("60,-10,50", "'-10' in '60,-10,50' is not a non-negative number"),
        ("0,50,50", "'0,50,50' leaves the training split empty"),
        ("60,,30", "'' in '60,,30' is not a non-negative number"),
    ])
    func badRatiosSayWhatIsWrong(text: String, problem: String) {
        let error = #expect(throws: SourceProblem.self) { try SplitRatios.parse(text) }
        #expect(error?.description == "--ratios: \(problem)")
    }

    @Test func differenceHashBitsCompareLeftWithRightNeighbour() {
        // Rows alternate bright-dark-bright..., so every left pixel of an even column wins.
        let pixels = (0..<8).flatMap { _ in (0..<9).map { UInt8($0 % 2 == 0 ? 200 : 10) } }
        #expect(DifferenceHash.hash(grayPixels: pixels) == 0xAAAA_AAAA_AAAA_AAAA)
        #expect(DifferenceHash.distance(0b1011, 0b0001) == 2)
    }

    @Test func exactDuplicateImagesHashAlike() throws {
        let images = datasetsFolder + "/face-mask-kaggle-voc/images/maksssksksss"
        let first = try DifferenceHash.of(imageAt: images + "13.jpg")
        let twin = try DifferenceHash.of(imageAt: images + "737.jpg")
        let other = try DifferenceHash.of(imageAt: images + "14.jpg")
        #expect(first == twin)
        #expect(DifferenceHash.distance(first, other) > 10)
    }
}

@Suite struct DecodingImportTests {
    @Test func aCorruptImageIsSkippedWithOneLineNamingIt() throws {
        let source = try temporaryFolder()
        let kaggle = datasetsFolder + "/face-mask-kaggle-voc"
        for stem in ["maksssksksss0", "maksssksksss1"] {
            try FileManager.default.copyItem(atPath: "\(kaggle)/annotations/\(stem).xml",
                                             toPath: "\(source)/\(stem).xml")
        }
        try FileManager.default.copyItem(atPath: "\(kaggle)/images/maksssksksss0.jpg",
                                         toPath: "\(source)/maksssksksss0.jpg")
        let original = URL(fileURLWithPath: "\(kaggle)/images/maksssksksss1.jpg")
        let bytes = try Data(contentsOf: original)
        try Data(bytes.prefix(40)).write(to: URL(fileURLWithPath: "\(source)/maksssksksss1.jpg"))
        let importer = DatasetImporter(format: .voc, mapping: .standard,
                                       inspectImage: ImageInspection.decodedSize)
        let report = try importer.run(source: source, output: source + "/out")
        #expect(report.keptImages == 1)
        let problem = try #require(report.skipped.first)
        #expect(report.skipped.count == 1)
        #expect(problem.path == "\(source)/maksssksksss1.jpg")
        #expect(!problem.description.contains("\n"))
    }
}
