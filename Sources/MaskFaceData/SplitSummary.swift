import Foundation

/// What `split.json` records about a dataset's split: how it was made and what each
/// split holds, so a run can be reproduced and checked for balance.
public struct SplitSummary: Sendable, Codable, Equatable {
    /// Images and boxes per class of one split.
    public struct Counts: Sendable, Codable, Equatable {
        public var images: Int
        /// Boxes per class name (`mask`, `nomask`).
        public var boxes: [String: Int]

        public init(images: Int = 0, boxes: [String: Int] = [:]) {
            self.images = images
            self.boxes = boxes
        }
    }

    /// `stratified` (made here) or `adopted` (read from existing lists).
    public var method: String
    public var seed: UInt64?
    /// The fractions asked for, train / val / test, summing to 1.
    public var ratios: [Double]?
    /// The folder an adopted split came from.
    public var source: String?
    /// Counts per split name (`train`, `val`, `test`).
    public var counts: [String: Counts]
    /// Image names whose difference hashes lie within `duplicateDistance` bits; each group
    /// sits in one split. Empty for an adopted split, which is taken as it is.
    public var nearDuplicateGroups: [[String]]
    public var duplicateDistance: Int?

    enum CodingKeys: String, CodingKey {
        case method, seed, ratios, source, counts
        case nearDuplicateGroups = "near_duplicate_groups"
        case duplicateDistance = "duplicate_distance"
    }

    /// One line per split: `train: 512 images, 1969 mask, 599 nomask`.
    public var summaryLines: [String] {
        SplitFiles.names.compactMap { split in
            guard let counts = counts[split] else { return nil }
            let boxes = ClassMapping.canonicalNames.map { "\(counts.boxes[$0] ?? 0) \($0)" }
            return "\(split): \(counts.images) images, " + boxes.joined(separator: ", ")
        }
    }

    /// Reads `split.json`.
    public static func read(_ path: String) throws -> SplitSummary {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SourceProblem(path: path, problem: "cannot read the file")
        }
        do {
            return try JSONDecoder().decode(SplitSummary.self, from: data)
        } catch {
            throw SourceProblem(path: path, problem: "not a MaskFace split.json (\(error))")
        }
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

/// Split fractions as the user writes them: `60,10,30` (or `0.6,0.1,0.3`).
public enum SplitRatios {
    /// Three non-negative numbers, train, val and test, scaled to sum to 1.
    /// - Throws: `SourceProblem` (path `--ratios`) saying what is wrong with `text`.
    public static func parse(_ text: String) throws -> [Double] {
        let fields = text.split(separator: ",", omittingEmptySubsequences: false)
        let fail = { (problem: String) in SourceProblem(path: "--ratios", problem: problem) }
        guard fields.count == 3 else {
            throw fail("expected three numbers TRAIN,VAL,TEST such as 60,10,30; got '\(text)'")
        }
        let numbers = try fields.map { field in
            let trimmed = field.trimmingCharacters(in: .whitespaces)
            guard let value = Double(trimmed), value.isFinite, value >= 0 else {
                throw fail("'\(field)' in '\(text)' is not a non-negative number")
            }
            return value
        }
        let sum = numbers.reduce(0, +)
        guard sum > 0, numbers[0] > 0 else {
            throw fail("'\(text)' leaves the training split empty")
        }
        return numbers.map { $0 / sum }
    }
}
