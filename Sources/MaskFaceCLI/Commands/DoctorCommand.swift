import MaskFaceCore

/// `maskface doctor`: checks that the model files the runtime needs can be found.
enum DoctorCommand {
    static let spec = CommandSpec(
        ["doctor"], summary: "Check that dlib's model files can be found.",
        discussion: "Exits with status 1 when a model is missing; scripts/setup.sh installs them.",
        options: [.value("models", "DIR", help: "Folder holding dlib's model files "
                          + "(default: $MASKFACE_MODELS, else ~/.local/share/maskface/models).")]
    ) { arguments, context in
        let folder = ModelFolder.resolve(flag: arguments.string("models"),
                                         environment: context.environment)
        context.print("model folder: \(folder.path)")
        var missing = 0
        for (label, locate) in [("landmarks", folder.landmarksModel),
                                ("recognition", folder.recognitionModel)] {
            do {
                context.print("  \(label): \(try locate())")
            } catch {
                context.printError("  \(label): \(error)")
                missing += 1
            }
        }
        return missing == 0 ? 0 : 1
    }
}
