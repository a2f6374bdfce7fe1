import MaskFaceData

/// `maskface dataset split`: makes (or adopts) the train / val / test split of a dataset.
enum DatasetSplitCommand {
    static let spec = CommandSpec(
        ["dataset", "split"], summary: "Split a dataset into train, val and test.",
        discussion: """
            Stratified by class, seeded, and keeping near-duplicate images (difference hashes \
            within 2 bits) in one split. Writes train.txt, val.txt, test.txt and split.json \
            and lists the splits in data.yaml. --from adopts the split given by train.txt, \
            val.txt and test.txt of image file names in DIR instead.
            """,
        options: [
            .value("ratios", "TRAIN,VAL,TEST", default: "60,10,30",
                   help: "Split proportions."),
            .value("seed", "N", default: "0", help: "Seed of the split."),
            .value("from", "DIR", help: "Adopt the split lists in DIR."),
        ],
        positionals: [PositionalSpec("DATASET", help: "Dataset folder (from 'dataset import').")]
    ) { arguments, context in
        guard let path = arguments.positional("DATASET") else { return 2 }
        let dataset = try DatasetFolder(path)
        let summary: SplitSummary
        if let folder = arguments.string("from") {
            summary = try SplitMaker(dataset: dataset).adopt(from: folder)
            context.print("adopted the split in \(folder)")
        } else {
            let ratios: [Double]
            do {
                ratios = try SplitRatios.parse(arguments.string("ratios") ?? "")
            } catch let problem as SourceProblem {
                throw UsageError(command: arguments.command, problem: problem.description)
            }
            let seed = try DatasetCommandOptions.seed(arguments)
            let bar = ProgressBar("hash", context: context)
            summary = try SplitMaker(dataset: dataset).makeStratified(
                ratios: ratios, seed: seed, progress: bar.update)
            bar.finish()
            context.print("near-duplicate groups kept together: "
                          + "\(summary.nearDuplicateGroups.count)")
        }
        for line in summary.summaryLines { context.print(line) }
        return 0
    }
}

/// Option parsing shared by the dataset commands.
enum DatasetCommandOptions {
    /// `--seed` as an unsigned 64-bit number.
    static func seed(_ arguments: ParsedArguments) throws -> UInt64 {
        let text = arguments.string("seed") ?? "0"
        guard let seed = UInt64(text) else {
            throw UsageError(command: arguments.command,
                             problem: "--seed expects a non-negative integer, got '\(text)'")
        }
        return seed
    }
}
