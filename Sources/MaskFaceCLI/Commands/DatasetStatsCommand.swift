import MaskFaceData

/// `maskface dataset stats`: images and boxes per class and split, and box sizes.
enum DatasetStatsCommand {
    static let spec = CommandSpec(
        ["dataset", "stats"], summary: "Count images and boxes, and measure box sizes.",
        discussion: """
            Per split (and 'all' for every image): images, boxes per class, and box widths \
            and heights in original pixels (min, median, max), with how many boxes are \
            under 10 px wide or high and under 32x32 px in area.
            """,
        positionals: [PositionalSpec("DATASET", help: "Dataset folder.")]
    ) { arguments, context in
        guard let path = arguments.positional("DATASET") else { return 2 }
        let dataset = try DatasetFolder(path)
        let bar = ProgressBar("measure", context: context)
        let statistics = try DatasetStatistics.compute(dataset: dataset, progress: bar.update)
        bar.finish()
        for line in statistics.tableLines { context.print(line) }
        return 0
    }
}
