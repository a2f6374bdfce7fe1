import MaskFaceCore

/// Splits a dataset into train / val / test by ratio, stratified by class and keeping
/// near-duplicate images together.
///
/// Images whose difference hashes are within `duplicateDistance` bits are grouped (the
/// same photo annotated twice, consecutive video frames), and a group always lands in one
/// split, so no test image has a twin in training. Groups are visited in a seeded random
/// order, those holding the rarer class first, and each goes to the split it fills least
/// relative to that split's target in images and in boxes of every class it holds.
public struct DatasetSplitter: Sendable {
    /// One image: its name, its boxes per class, and its difference hash if computed.
    public struct Item: Sendable {
        public let name: String
        public let boxesPerClass: [Int]
        public let hash: UInt64?

        public init(name: String, boxesPerClass: [Int], hash: UInt64?) {
            self.name = name
            self.boxesPerClass = boxesPerClass
            self.hash = hash
        }
    }

    /// Split fractions, e.g. [0.6, 0.1, 0.3] for train, val, test.
    public let ratios: [Double]
    public let seed: UInt64
    /// Largest Hamming distance between hashes of images treated as near-duplicates.
    public let duplicateDistance: Int

    public init(ratios: [Double], seed: UInt64, duplicateDistance: Int = 2) {
        self.ratios = ratios
        self.seed = seed
        self.duplicateDistance = duplicateDistance
    }

    /// Image names per split, in the order of `ratios`, and the near-duplicate groups found.
    public func split(_ items: [Item]) -> (splits: [[String]], duplicateGroups: [[String]]) {
        let groups = duplicateGroups(items)
        let classCount = items.map(\.boxesPerClass.count).max() ?? 0
        // Per split and dimension (images, then boxes of each class): the target amount.
        let totals = [Double(items.count)] + (0..<classCount).map { index in
            Double(items.reduce(0) { $0 + ($1.boxesPerClass[safe: index] ?? 0) })
        }
        let sum = ratios.reduce(0, +)
        let targets = ratios.map { ratio in totals.map { $0 * ratio / sum } }

        var filled = [[Double]](repeating: [Double](repeating: 0, count: totals.count),
                                count: ratios.count)
        var splits = [[String]](repeating: [], count: ratios.count)
        for group in ordered(groups, items: items, classCount: classCount) {
            let amounts = amountsOf(group, items: items, classCount: classCount)
            let choice = (0..<ratios.count).min { lhs, rhs in
                fill(filled[lhs], adding: amounts, target: targets[lhs])
                    < fill(filled[rhs], adding: amounts, target: targets[rhs])
            } ?? 0
            for dimension in amounts.indices { filled[choice][dimension] += amounts[dimension] }
            splits[choice].append(contentsOf: group.map { items[$0].name })
        }
        let duplicates = groups.filter { $0.count > 1 }.map { $0.map { items[$0].name } }
        return (splits.map { $0.sorted(by: DatasetFiles.naturalOrder) }, duplicates)
    }

    /// The fullest any touched dimension of a split would be after adding `amounts`.
    private func fill(_ current: [Double], adding amounts: [Double], target: [Double]) -> Double {
        var worst = 0.0
        for dimension in amounts.indices where amounts[dimension] > 0 {
            let ratio = target[dimension] > 0
                ? (current[dimension] + amounts[dimension]) / target[dimension] : .infinity
            worst = max(worst, ratio)
        }
        return worst
    }

    private func amountsOf(_ group: [Int], items: [Item], classCount: Int) -> [Double] {
        [Double(group.count)] + (0..<classCount).map { index in
            Double(group.reduce(0) { $0 + (items[$1].boxesPerClass[safe: index] ?? 0) })
        }
    }

    /// Seeded shuffle, then groups holding the least common class first, bigger ones first.
    private func ordered(_ groups: [[Int]], items: [Item], classCount: Int) -> [[Int]] {
        var generator = SeededGenerator(seed: seed)
        let shuffled = groups.shuffled(using: &generator)
        let classTotals = (0..<classCount).map { index in
            items.reduce(0) { $0 + ($1.boxesPerClass[safe: index] ?? 0) }
        }
        let rarest = classTotals.indices.min { classTotals[$0] < classTotals[$1] }
        let keyed = shuffled.enumerated().map { position, group -> (Int, Int, Int, [Int]) in
            let rare = rarest.map { index in
                group.reduce(0) { $0 + (items[$1].boxesPerClass[safe: index] ?? 0) }
            } ?? 0
            return (rare > 0 ? 0 : 1, -group.count, position, group)
        }
        return keyed.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.3)
    }

    /// Connected groups of items whose hashes are within `duplicateDistance` bits.
    func duplicateGroups(_ items: [Item]) -> [[Int]] {
        var parent = Array(items.indices)
        func root(_ index: Int) -> Int {
            var node = index
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        for first in items.indices {
            guard let hash = items[first].hash else { continue }
            for second in items.indices where second > first {
                guard let other = items[second].hash,
                      (hash ^ other).nonzeroBitCount <= duplicateDistance else { continue }
                parent[root(second)] = root(first)
            }
        }
        return Dictionary(grouping: items.indices, by: root).values
            .map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
