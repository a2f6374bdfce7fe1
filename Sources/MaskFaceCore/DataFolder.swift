import Foundation

/// The toolkit's per-user data folder, `$XDG_DATA_HOME/maskface`, or
/// `~/.local/share/maskface` when XDG_DATA_HOME is unset (the XDG base directory default).
/// The model folder and the face gallery live under it unless told otherwise.
public enum DataFolder {
    public static func path(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let dataHome = environment["XDG_DATA_HOME"], !dataHome.isEmpty {
            return "\(dataHome)/maskface"
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return "\(home)/.local/share/maskface"
    }
}
