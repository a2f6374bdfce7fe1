import Foundation

/// Where MaskFace finds dlib's model files.
///
/// The toolkit's model folder is `$MASKFACE_MODELS` when set, else
/// `~/.local/share/maskface/models`. Debian's libdlib-data installs the 68-point landmark
/// model in `/usr/share/dlib`, which is searched after the model folder.
public enum DlibModelFiles {
    public static let faceRecognitionResNet = "dlib_face_recognition_resnet_model_v1.dat"
    public static let landmarks68 = "shape_predictor_68_face_landmarks.dat"
    public static let systemDirectory = "/usr/share/dlib"

    /// The toolkit's model folder (not checked for existence).
    public static var modelDirectory: String {
        let environment = ProcessInfo.processInfo.environment
        if let folder = environment["MASKFACE_MODELS"], !folder.isEmpty {
            return folder
        }
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.local/share/maskface/models"
    }

    /// The first existing `fileName` in the model folder, then the system folder; when
    /// neither has it, the model-folder path, so that loading it fails naming where the
    /// file was expected.
    public static func path(for fileName: String) -> String {
        let candidates = [modelDirectory + "/" + fileName, systemDirectory + "/" + fileName]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }
}
