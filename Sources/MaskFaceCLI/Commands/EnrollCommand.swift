import Foundation
import MaskFaceCore
import MaskFaceRuntime

/// `maskface enroll NAME PHOTO...` and `maskface enroll --dir DIR`: adds people to the
/// face gallery.
enum EnrollCommand {
    static let spec = CommandSpec(
        ["enroll"], summary: "Add people's faces to the face gallery.",
        discussion: """
            Each photo must show exactly one face; photos with none or several, and files \
            that are not images, are reported and skipped. The detector decides whether \
            the face wears a mask (stored in the mask gallery) or not (nomask gallery); \
            --mask or --nomask overrides it. With --dir, every subfolder of DIR is one \
            person, named after the folder. Tight face crops that the detector misses are \
            retried on a larger canvas automatically; --aligned does so at once. All \
            faces of one run are stored in one transaction.
            """,
        options: [
            .value("dir", "DIR", help: "Enroll every subfolder of DIR as one person."),
            .flag("mask", help: "Store every face as masked."),
            .flag("nomask", help: "Store every face as unmasked."),
            RecognizeOptions.aligned, RecognizeOptions.gallery,
        ] + RecognizeOptions.detectorOptions,
        positionals: [
            PositionalSpec("NAME", help: "The person's name.", optional: true),
            PositionalSpec("PHOTO", help: "Photos of the person.", variadic: true,
                           optional: true),
        ]
    ) { arguments, context in
        let people = try peopleToEnroll(arguments)
        let options = Enroller.Options(classOverride: try classOverride(arguments),
                                       aligned: arguments.flag("aligned"))
        let detector = try RecognizeOptions.detector(arguments, context)
        let models = try DlibModels(folder: RecognizeOptions.modelFolder(arguments, context))
        let enroller = Enroller(detector: detector, models: models)
        var entries: [GalleryEntry] = []
        for (name, photos) in people {
            for photo in photos {
                entries += render(enroller.enroll(photo: photo, name: name, options: options),
                                  context: context)
            }
        }
        guard !entries.isEmpty else {
            context.printError("error: no face enrolled; the gallery is unchanged")
            return 1
        }
        let path = RecognizeOptions.galleryPath(arguments, context)
        try FaceGallery(path: path).add(entries)
        let names = Set(entries.map(\.name)).count
        context.print("stored \(entries.count) descriptors of \(names) people in \(path)")
        return 0
    }

    /// (name, photos) pairs from NAME PHOTO... or from --dir.
    static func peopleToEnroll(_ arguments: ParsedArguments) throws -> [(String, [String])] {
        let name = arguments.positional("NAME")
        let photos = arguments.positionalList("PHOTO")
        guard let folder = arguments.string("dir") else {
            guard let name, !photos.isEmpty else {
                throw UsageError(command: arguments.command,
                                 problem: "give NAME and at least one PHOTO, or --dir DIR")
            }
            return [(name, photos)]
        }
        guard name == nil else {
            throw UsageError(command: arguments.command,
                             problem: "--dir takes no NAME or PHOTO arguments")
        }
        return try EnrollFolder.people(in: folder)
    }

    static func classOverride(_ arguments: ParsedArguments) throws -> FaceClass? {
        switch (arguments.flag("mask"), arguments.flag("nomask")) {
        case (true, true):
            throw UsageError(command: arguments.command,
                             problem: "give --mask or --nomask, not both")
        case (true, false): return .mask
        case (false, true): return .nomask
        case (false, false): return nil
        }
    }

    /// Prints one line for the photo; returns its entry when it was enrolled.
    static func render(_ outcome: Enroller.PhotoOutcome, context: CommandContext)
        -> [GalleryEntry]
    {
        switch outcome {
        case .enrolled(let entry, _, let confidence, let source):
            let how = confidence.map { String(format: "%@ %.2f", source.rawValue, $0) }
                ?? source.rawValue
            context.print("enrolled \(entry.name) \(entry.faceClass) \(entry.source) (\(how))")
            return [entry]
        case .skipped(let path, let reason):
            context.printError("skipped \(path): \(reason)")
            return []
        }
    }
}

/// The layout `enroll --dir` reads: DIR/<person>/<photos>.
enum EnrollFolder {
    static func people(in folder: String) throws -> [(String, [String])] {
        let manager = FileManager.default
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw RuntimeError(folder, "cannot list the folder (\(error.localizedDescription))")
        }
        var people: [(String, [String])] = []
        for name in names where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            let path = "\(folder)/\(name)"
            guard manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue
            else { continue }
            let photos = try manager.contentsOfDirectory(atPath: path).sorted()
                .filter { !$0.hasPrefix(".") }.map { "\(path)/\($0)" }
            people.append((name, photos))
        }
        guard !people.isEmpty else {
            throw RuntimeError(folder, "no person folders in it (expected DIR/NAME/photos)")
        }
        return people
    }
}
