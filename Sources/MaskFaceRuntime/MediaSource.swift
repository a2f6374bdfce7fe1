import Foundation

/// What `recognize` reads: still images, a video file or a camera.
public enum MediaSource: Sendable, Equatable {
    /// Image files in order. Files that turn out not to be images are reported and skipped.
    case images([String])
    case video(String)
    /// A camera by index (0 is /dev/video0).
    case camera(Int)

    /// Extensions read as video; everything else in a folder is tried as an image when its
    /// extension is an image one, and reported otherwise.
    public static let videoExtensions: Set<String> = ["mp4", "avi", "mov", "mkv", "webm", "m4v"]
    public static let imageExtensions: Set<String> = [
        "jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp",
    ]

    /// Resolves a command-line SOURCE: a number is a camera, a folder lists its files
    /// (sorted by name; videos in it are not descended into), a file is a video by its
    /// extension or else an image. Also returns the folder's files that are neither, for
    /// the caller to report.
    public static func resolve(_ argument: String) throws -> (source: MediaSource,
                                                              ignored: [String])
    {
        if let index = Int(argument), index >= 0 { return (.camera(index), []) }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
            throw RuntimeError(argument, "no such file, folder or camera index")
        }
        guard isFolder.boolValue else {
            let kind = (argument as NSString).pathExtension.lowercased()
            return (videoExtensions.contains(kind) ? .video(argument) : .images([argument]), [])
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: argument).sorted()
        } catch {
            throw RuntimeError(argument, "cannot list the folder (\(error.localizedDescription))")
        }
        let paths = names.filter { !$0.hasPrefix(".") }.map { "\(argument)/\($0)" }
        let images = paths.filter {
            imageExtensions.contains(($0 as NSString).pathExtension.lowercased())
        }
        let ignored = paths.filter { !images.contains($0) }
        return (.images(images), ignored)
    }
}
