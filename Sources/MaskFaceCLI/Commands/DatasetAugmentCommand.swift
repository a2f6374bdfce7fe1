import Foundation
import MaskFaceData

/// `maskface dataset augment`: Roboflow-style offline augmentation of the training split.
enum DatasetAugmentCommand {
    static let spec = CommandSpec(
        ["dataset", "augment"], summary: "Add augmented copies of the training images.",
        discussion: """
            Each training image yields --outputs images: itself and --outputs - 1 copies, \
            each with a random hue shift, rotation and shear within the limits (degrees, +/-) \
            and, with --mosaic, made from four training images. Boxes follow every transform. \
            train.txt then lists originals and copies; val and test are untouched. Running \
            again replaces the earlier copies; --remove deletes them.
            """,
        options: [
            .value("outputs", "N", default: "3", help: "Images per training image."),
            .value("hue", "DEGREES", default: "0", help: "Hue shift limit."),
            .value("rotation", "DEGREES", default: "0", help: "Rotation limit."),
            .value("shear", "X,Y", default: "0,0", help: "Horizontal and vertical shear limits."),
            .flag("mosaic", help: "Make each copy a mosaic of four training images."),
            .value("seed", "N", default: "0", help: "Seed of the random transforms."),
            .flag("remove", help: "Delete earlier copies and restore train.txt, then stop."),
        ],
        positionals: [PositionalSpec("DATASET", help: "Dataset folder with a split.")]
    ) { arguments, context in
        guard let path = arguments.positional("DATASET") else { return 2 }
        let dataset = try DatasetFolder(path)
        if arguments.flag("remove") {
            let removed = try OfflineAugmenter.removeCopies(from: dataset)
            context.print(removed == 0 ? "no augmented copies to remove"
                          : "removed \(removed) augmented copies; train.txt restored")
            return 0
        }
        let settings = try settings(from: arguments)
        let bar = ProgressBar("augment", context: context)
        let report = try OfflineAugmenter(dataset: dataset, settings: settings)
            .run(progress: bar.update)
        bar.finish()
        if report.replacedCopies > 0 {
            context.print("replaced \(report.replacedCopies) copies of an earlier run")
        }
        context.print("train: \(report.originals) originals + \(report.copies) copies")
        context.print("source boxes not kept in copies (outside a mosaic's crop, or too small "
                      + "after the transforms): \(report.droppedBoxes)")
        return 0
    }

    private static func settings(from arguments: ParsedArguments) throws -> OfflineAugmentation {
        let shear = (arguments.string("shear") ?? "0,0").split(separator: ",")
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard shear.count == 2, let shearX = shear[0], let shearY = shear[1] else {
            throw UsageError(command: arguments.command, problem: "--shear expects X,Y in "
                             + "degrees, got '\(arguments.string("shear") ?? "")'")
        }
        let settings = OfflineAugmentation(
            outputsPerImage: try arguments.int("outputs") ?? 3,
            hueDegrees: try arguments.double("hue") ?? 0,
            rotationDegrees: try arguments.double("rotation") ?? 0,
            shearXDegrees: shearX, shearYDegrees: shearY, mosaic: arguments.flag("mosaic"),
            seed: try DatasetCommandOptions.seed(arguments))
        do {
            try settings.validate()
        } catch let problem as SourceProblem {
            throw UsageError(command: arguments.command, problem: problem.description)
        }
        return settings
    }
}
