import Foundation
import Torch

/// The kinds of weight files a model can be loaded from, told apart by their content.
public enum WeightsFile {
    /// An ultralytics YOLOv5 `.pt` (torch's zip format): architecture, names and weights.
    case ultralytics
    /// A MaskFace checkpoint (`ModelCheckpoint`): architecture, names, weights and
    /// possibly training state.
    case checkpoint
    /// A plain safetensors state dict under YOLOv5's names: weights only.
    case stateDict

    /// Looks at the first bytes (a zip starts with `PK\3\4`) and, for safetensors, at the
    /// metadata's `format` entry.
    public static func kind(of path: String) throws -> WeightsFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ModelWeightsError(path: path, problem: exists ? "cannot read the file"
                                    : "no such file")
        }
        defer { try? handle.close() }
        let magic = (try? handle.read(upToCount: 4)) ?? Data()
        if magic.elementsEqual([0x50, 0x4B, 0x03, 0x04]) {
            return .ultralytics
        }
        let contents = try readSafeTensors(path)
        return contents.metadata["format"] == ModelCheckpoint.formatName ? .checkpoint
            : .stateDict
    }

    /// Reads a safetensors file, turning its errors into one line that names the file.
    static func readSafeTensors(_ path: String) throws -> SafeTensors.Contents {
        do {
            return try SafeTensors.read(URL(fileURLWithPath: path))
        } catch let error as SafeTensorsError {
            throw ModelWeightsError(path: path, problem: error.problem)
        }
    }
}
