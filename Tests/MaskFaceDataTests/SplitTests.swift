import MaskFaceCore
import Testing
@testable import MaskFaceData

@Suite struct SplitTests {
    /// The Kaggle set's images with their boxes per class (mask, nomask with incorrect).
    static let kaggleItems: [DatasetSplitter.Item] = {
        VOCReader.read(folder: datasetsFolder + "/face-mask-kaggle-voc").samples.map { sample in
            let names = sample.objects.map(\.className)
            let mask = names.filter { $0 == "with_mask" }.count
            return DatasetSplitter.Item(name: sample.imagePath, boxesPerClass: [
                mask, names.count - mask], hash: nil)
        }
    }()

    @Test func kaggleSplitHitsRatiosInImagesAndBoxesOfEachClass() {
        let splitter = DatasetSplitter(ratios: [0.6, 0.1, 0.3], seed: 0)
        let (splits, _) = splitter.split(Self.kaggleItems)
        let counts = splits.map(\.count)
        #expect(counts.reduce(0, +) == 853)
        // The reference split of the same set: 512 / 85 / 256.
        for (count, target) in zip(counts, [511.8, 85.3, 255.9]) {
            #expect(abs(Double(count) - target) <= 0.03 * 853, "\(counts)")
        }
        let byName = Dictionary(uniqueKeysWithValues: Self.kaggleItems.map {
            ($0.name, $0.boxesPerClass)
        })
        for classIndex in 0..<2 {
            let perSplit = splits.map { $0.reduce(0) { $0 + byName[$1]![classIndex] } }
            let total = Double(perSplit.reduce(0, +))
            for (boxes, ratio) in zip(perSplit, [0.6, 0.1, 0.3]) {
                #expect(abs(Double(boxes) / total - ratio) < 0.03,
                        "class \(classIndex): \(perSplit)")
            }
        }
    }

    @Test func sameSeedSameSplitOtherSeedOtherSplit() {
        let first = DatasetSplitter(ratios: [6, 1, 3], seed: 7).split(Self.kaggleItems).splits
        let again = DatasetSplitter(ratios: [6, 1, 3], seed: 7).split(Self.kaggleItems).splits
        let other = DatasetSplitter(ratios: [6, 1, 3], seed: 8).split(Self.kaggleItems).splits
        #expect(first == again)
        #expect(first != other)
    }

    @Test func nearDuplicatesStayTogether() {
        var random = SeededGenerator(seed: 1)
        var items: [DatasetSplitter.Item] = (0..<40).map { index in
            .init(name: "img\(index)", boxesPerClass: [1, index % 3 == 0 ? 1 : 0],
                  hash: random.next())
        }
        // Twins differ from img5 and img17 by one and two bits; a third differs by three.
        items.append(.init(name: "twin5", boxesPerClass: [1, 0], hash: items[5].hash! ^ 0b1))
        items.append(.init(name: "twin17", boxesPerClass: [0, 1], hash: items[17].hash! ^ 0b11))
        items.append(.init(name: "far17", boxesPerClass: [1, 0], hash: items[17].hash! ^ 0b111000))
        for seed in UInt64(0)..<20 {
            let (splits, groups) = DatasetSplitter(ratios: [0.6, 0.1, 0.3], seed: seed)
                .split(items)
            #expect(groups.map { $0.sorted() } == [["img5", "twin5"], ["img17", "twin17"]])
            for split in splits {
                #expect(split.contains("img5") == split.contains("twin5"))
                #expect(split.contains("img17") == split.contains("twin17"))
            }
        }
    }
}
