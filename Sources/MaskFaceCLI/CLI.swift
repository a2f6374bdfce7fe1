/// The `maskface` command line: every subcommand, registered in one place.
public enum CLI {
    public static let tree = CommandTree(
        commands: [
            VersionCommand.spec,
            DoctorCommand.spec,
            ModelSummaryCommand.spec,
            DatasetImportCommand.spec,
            DatasetSplitCommand.spec,
            DatasetAugmentCommand.spec,
            DatasetStatsCommand.spec,
            DatasetPreviewCommand.spec,
            TrainCommand.spec,
            ValCommand.spec,
            AblateCommand.spec,
            ExportCommand.spec,
        ],
        groupSummaries: [
            "model": "Inspect detection models.",
            "dataset": "Import, split, augment, inspect and preview detection datasets.",
        ])

    /// Runs the command line `arguments` (without the program name); returns the exit status.
    public static func main(_ arguments: [String],
                            context: CommandContext = .standard) -> Int32 {
        tree.run(arguments, context: context)
    }
}
