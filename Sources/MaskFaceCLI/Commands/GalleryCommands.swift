import Foundation
import MaskFaceRuntime

/// `maskface gallery list|remove|export`: inspect and edit the face gallery.
enum GalleryCommands {
    static let list = CommandSpec(
        ["gallery", "list"], summary: "List enrolled people and their descriptor counts.",
        options: [RecognizeOptions.gallery]
    ) { arguments, context in
        let gallery = try FaceGallery(path: RecognizeOptions.galleryPath(arguments, context))
        let identities = try gallery.identities()
        guard !identities.isEmpty else {
            context.print(
                "the gallery \(gallery.path) is empty; add people with 'maskface enroll'")
            return 0
        }
        let width = max(identities.map(\.name.count).max() ?? 0, 4)
        context.print(pad("name", width) + "   mask  nomask  last enrolled")
        let formatter = ISO8601DateFormatter()
        for identity in identities {
            context.print(pad(identity.name, width)
                + String(format: " %6d  %6d  ", identity.maskCount, identity.nomaskCount)
                + formatter.string(from: identity.lastEnrolledAt))
        }
        return 0
    }

    static let remove = CommandSpec(
        ["gallery", "remove"], summary: "Remove a person and all their descriptors.",
        options: [RecognizeOptions.gallery],
        positionals: [PositionalSpec("NAME", help: "The person to remove.")]
    ) { arguments, context in
        let name = arguments.positional("NAME") ?? ""
        let gallery = try FaceGallery(path: RecognizeOptions.galleryPath(arguments, context))
        guard let removed = try gallery.remove(name: name) else {
            context.printError("error: no person named '\(name)' in \(gallery.path)")
            return 1
        }
        context.print("removed \(name) (\(removed) descriptors)")
        return 0
    }

    static let export = CommandSpec(
        ["gallery", "export"], summary: "Print every descriptor as one JSON line.",
        discussion: "Fields: name, class (mask|nomask), source, enrolled_at (ISO 8601), "
            + "descriptor (128 numbers).",
        options: [RecognizeOptions.gallery]
    ) { arguments, context in
        let gallery = try FaceGallery(path: RecognizeOptions.galleryPath(arguments, context))
        let formatter = ISO8601DateFormatter()
        for entry in try gallery.entries() {
            let values = entry.descriptor.values.map { "\($0)" }.joined(separator: ",")
            context.print("{\"name\":\(JSONText.quoted(entry.name)),"
                + "\"class\":\"\(entry.faceClass)\",\"source\":\(JSONText.quoted(entry.source)),"
                + "\"enrolled_at\":\"\(formatter.string(from: entry.enrolledAt))\","
                + "\"descriptor\":[\(values)]}")
        }
        return 0
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0)
    }
}
