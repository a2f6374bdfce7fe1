import MaskFaceData

/// `maskface dataset import`: converts a YOLO, VOC or COCO export into MaskFace's layout.
enum DatasetImportCommand {
    static let spec = CommandSpec(
        ["dataset", "import"], summary: "Import a YOLO, Pascal VOC or COCO dataset.",
        discussion: """
            Writes OUT/images, OUT/labels (YOLO txt), OUT/data.yaml and the source's own split \
            lists. Classes map onto mask and nomask (with_mask, Mask, without_mask, NO-Mask, \
            mask_weared_incorrect, ...); --map changes or adds names. Files that cannot be \
            used are skipped with one line each; OUT is never overwritten.
            """,
        options: [
            .value("format", "yolo|voc|coco", help: "Annotation format of SRC."),
            .value("out", "DIR", help: "Folder to create, e.g. datasets/kaggle."),
            .value("map", "NAME=TARGET,...",
                   help: "Class name overrides; TARGET is mask, nomask or drop."),
        ],
        positionals: [PositionalSpec("SRC", help: "Folder holding the source dataset.")]
    ) { arguments, context in
        guard let source = arguments.positional("SRC") else { return 2 }
        let formats = SourceFormat.allCases.map(\.rawValue)
        guard let formatName = try arguments.choice("format", from: formats),
              let format = SourceFormat(rawValue: formatName)
        else {
            throw UsageError(command: arguments.command, problem: "--format is required")
        }
        guard let output = arguments.string("out") else {
            throw UsageError(command: arguments.command, problem: "--out is required")
        }
        let mapping: ClassMapping
        do {
            mapping = try ClassMapping.standard(overriddenBy: arguments.string("map"))
        } catch let error as MappingError {
            throw UsageError(command: arguments.command, problem: error.description)
        }
        let importer = DatasetImporter(format: format, mapping: mapping,
                                       inspectImage: ImageInspection.decodedSize)
        let bar = ProgressBar("import", context: context)
        let report = try importer.run(source: source, output: output) { done, total in
            bar.update(done, of: total)
        }
        bar.finish()
        for problem in report.skipped { context.printError("skipped \(problem)") }
        for line in report.summaryLines { context.print(line) }
        context.print("wrote \(output)")
        return 0
    }
}
