import MaskFaceCore
import MaskFaceVision
import Torch

/// `maskface version`: the toolkit's version and those of the native libraries it links.
enum VersionCommand {
    static let spec = CommandSpec(
        ["version"], summary: "Print the versions of MaskFace and its native libraries."
    ) { _, context in
        context.print("maskface \(MaskFaceVersion.current)")
        context.print("libtorch \(TorchLibrary.version)")
        context.print("opencv \(OpenCVLibrary.version)")
        return 0
    }
}
