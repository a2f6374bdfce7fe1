import Foundation
import MaskFaceCore
import MaskFaceData

/// `maskface dataset preview`: a JPEG grid of images with their boxes.
enum DatasetPreviewCommand {
    static let spec = CommandSpec(
        ["dataset", "preview"], summary: "Draw a grid of images with their labelled boxes.",
        discussion: """
            Like YOLOv5's train_batch0.jpg. Without --augment the first --count images of \
            the split are letterboxed as for validation; with it, they are the first batch \
            of a shuffled epoch after the online augmentation of the hyp file (mosaic, \
            perspective, HSV, flips).
            """,
        options: [
            .value("split", "NAME", default: "train", help: "Split to show: train, val or test."),
            .value("count", "N", default: "16", help: "Number of images."),
            .flag("augment", help: "Show the online-augmented training versions."),
            .value("hyp", "FILE", help: "Hyperparameter file for --augment "
                   + "(default: configs/hyps/scratch-low.yaml)."),
            .value("size", "PIXELS", default: "320", help: "Image size."),
            .value("seed", "N", default: "0", help: "Seed of the shuffle and augmentation."),
            .value("out", "FILE.jpg", help: "Where to write the grid."),
        ],
        positionals: [PositionalSpec("DATASET", help: "Dataset folder with split lists.")]
    ) { arguments, context in
        guard let path = arguments.positional("DATASET") else { return 2 }
        guard let output = arguments.string("out"),
              ["jpg", "jpeg", "png"].contains(URL(fileURLWithPath: output).pathExtension
                .lowercased())
        else {
            throw UsageError(command: arguments.command,
                             problem: "--out FILE.jpg is required (.jpg, .jpeg or .png)")
        }
        let split = try arguments.choice("split", from: SplitFiles.names) ?? "train"
        let count = try positiveInt("count", arguments)
        let size = try positiveInt("size", arguments)
        let dataset = try DatasetFolder(path)
        let samples = try DetectionSamples(dataset: dataset, split: split)
        let mode = try loaderMode(arguments, context: context)
        let loader = try DetectionLoader(
            samples: samples, mode: mode,
            configuration: .init(batchSize: count, imageSize: size, workers: 1,
                                 prefetchBatches: 1,
                                 seed: try DatasetCommandOptions.seed(arguments)))
        let batch = try loader.batch(epoch: 0, index: 0)
        try PreviewGrid.render(batch).write(to: output)
        context.print("wrote \(output): \(batch.imageCount) images, \(batch.labelCount) boxes")
        return 0
    }

    private static func loaderMode(_ arguments: ParsedArguments, context: CommandContext)
        throws -> DetectionLoader.Mode
    {
        guard arguments.flag("augment") else { return .validation }
        let hypPath = arguments.string("hyp")
            ?? ConfigFolder.locate(environment: context.environment) + "/hyps/scratch-low.yaml"
        let parameters = try HyperParameters.read(contentsOf: hypPath)
        do {
            return .training(try OnlineAugmenter(hyperParameters: parameters))
        } catch let problem as SourceProblem {
            throw SourceProblem(path: hypPath, problem: problem.problem)
        }
    }

    private static func positiveInt(_ name: String, _ arguments: ParsedArguments) throws -> Int {
        guard let value = try arguments.int(name), value > 0 else {
            throw UsageError(command: arguments.command, problem: "--\(name) must be positive")
        }
        return value
    }
}
