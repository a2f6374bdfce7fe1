import Foundation

/// Finds the `configs/` folder that ships with MaskFace (model and hyperparameter files).
///
/// Order: `MASKFACE_CONFIGS`, then `configs/` in the current folder, then `configs/` next
/// to a parent of the executable (a `swift build` tree inside the repository).
public enum ConfigFolder {
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let configured = environment["MASKFACE_CONFIGS"], !configured.isEmpty {
            return configured
        }
        let fileManager = FileManager.default
        let local = fileManager.currentDirectoryPath + "/configs"
        if fileManager.fileExists(atPath: local + "/models") { return local }

        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".")
            .resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("configs").path
            if fileManager.fileExists(atPath: candidate + "/models") { return candidate }
            folder.deleteLastPathComponent()
        }
        return local
    }
}
