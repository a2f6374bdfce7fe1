import MaskFaceCore
import Torch
import MaskFaceVision
public enum CLI { public static func main(_ arguments: [String]) -> Int32 { print("maskface \(MaskFaceVersion.current) torch \(TorchLibrary.version) opencv \(OpenCVLibrary.version)"); return 0 } }
