import Foundation
import MaskFaceCore
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
        return headerFormat(handle) == ModelCheckpoint.formatName ? .checkpoint : .stateDict
    }

    /// The `format` entry of a safetensors header's metadata, read without loading the
    /// tensors; nil when the header is missing or not readable (the full read that follows
    /// reports why).
    private static func headerFormat(_ handle: FileHandle) -> String? {
        guard (try? handle.seek(toOffset: 0)) != nil,
              let prefix = try? handle.read(upToCount: 8), prefix.count == 8
        else { return nil }
        let length = prefix.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard length < 100_000_000, let header = try? handle.read(upToCount: Int(length)),
              let object = try? JSONSerialization.jsonObject(with: header),
              let metadata = (object as? [String: Any])?["__metadata__"] as? [String: Any]
        else { return nil }
        return metadata["format"] as? String
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

/// Weights that could not be read, written or loaded into a model, as one line naming the
/// file: `best.pt: checkpoint has nc=80 (detection head 255 channels) but ...`.
public struct ModelWeightsError: Error, CustomStringConvertible, Equatable {
    /// The file, as the caller spelled it.
    public let path: String
    /// What is wrong, without the path.
    public let problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }
}
