/// The `maskface` command line: every subcommand, registered in one place.
public enum CLI {
    public static let tree = CommandTree(
        commands: [
            VersionCommand.spec,
            DoctorCommand.spec,
            ModelSummaryCommand.spec,
            ModelStripCommand.spec,
            DatasetImportCommand.spec,
            DatasetSplitCommand.spec,
            DatasetAugmentCommand.spec,
            DatasetStatsCommand.spec,
            DatasetPreviewCommand.spec,
            TrainCommand.spec,
            ValCommand.spec,
            AblateCommand.spec,
            ExportCommand.spec,
            EnrollCommand.spec,
            GalleryCommands.list,
            GalleryCommands.remove,
            GalleryCommands.export,
            RecognizeCommand.spec,
        ],
        groupSummaries: [
            "model": "Inspect detection models.",
            "dataset": "Import, split, augment, inspect and preview detection datasets.",
            "gallery": "Inspect and edit the face gallery.",
        ])

    /// Runs the command line `arguments` (without the program name); returns the exit status.
    public static func main(_ arguments: [String],
                            context: CommandContext = .standard) -> Int32 {
        tree.run(arguments, context: context)
    }
}
