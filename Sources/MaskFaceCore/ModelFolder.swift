import Foundation

/// Where the toolkit finds dlib's model files at run time.
///
/// Resolution order: an explicit folder (the `--models` flag), then `MASKFACE_MODELS`,
/// then `$XDG_DATA_HOME/maskface/models` (default `~/.local/share/maskface/models`), which
/// is where `scripts/setup.sh` installs them. The 68-point predictor also comes with
/// Debian's libdlib-data in `/usr/share/dlib`, which is searched last.
public struct ModelFolder: Sendable {
    /// dlib's 128-D face recognition ResNet, from the PyPI package face-recognition-models.
    public static let recognitionModelName = "dlib_face_recognition_resnet_model_v1.dat"
    /// dlib's 68-point landmark predictor (iBUG 300-W), from libdlib-data.
    public static let landmarksModelName = "shape_predictor_68_face_landmarks.dat"
    /// Debian's libdlib-data installs the landmark model here.
    public static let systemDlibFolder = "/usr/share/dlib"

    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The folder chosen by flag, environment or default, in that order.
    public static func resolve(
        flag: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ModelFolder {
        if let flag, !flag.isEmpty { return ModelFolder(path: flag) }
        if let fromEnvironment = environment["MASKFACE_MODELS"], !fromEnvironment.isEmpty {
            return ModelFolder(path: fromEnvironment)
        }
        return ModelFolder(path: defaultPath(environment: environment))
    }

    /// `$XDG_DATA_HOME/maskface/models`, or `~/.local/share/maskface/models`.
    public static func defaultPath(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        DataFolder.path(environment: environment) + "/models"
    }

    /// Path of dlib's face recognition model; throws naming the places searched.
    public func recognitionModel() throws -> String {
        try locate(Self.recognitionModelName, in: [path])
    }

    /// Path of the 68-point landmark model; throws naming the places searched.
    public func landmarksModel() throws -> String {
        try locate(Self.landmarksModelName, in: [path, Self.systemDlibFolder])
    }

    private func locate(_ name: String, in folders: [String]) throws -> String {
        for folder in folders {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
        }
        throw ModelFolderError(fileName: name, searched: folders)
    }
}

/// A model file that is in none of the folders searched.
public struct ModelFolderError: Error, CustomStringConvertible {
    public let fileName: String
    public let searched: [String]

    public var description: String {
        "model file \(fileName) not found in \(searched.joined(separator: ", ")); "
            + "run scripts/setup.sh, or point --models or MASKFACE_MODELS at a folder holding it"
    }
}
