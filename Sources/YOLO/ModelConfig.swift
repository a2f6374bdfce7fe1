import Foundation
import MaskFaceCore

/// A YOLOv5 model file (`nc`, `depth_multiple`, `width_multiple`, `anchors`, `backbone`,
/// `head`) resolved into one `LayerPlan` per row, with channel counts worked out.
///
/// Scaling follows YOLOv5: repeats become `max(round(n x depth), 1)` (round half to even,
/// as Python rounds) and output channels `ceil(c x width / 8) x 8`, except the detection
/// head's. Layer 0 reads the 3-channel image.
public struct ModelConfig: Sendable {
    /// RGB input.
    public static let imageChannels = 3

    public let name: String
    public let classCount: Int
    public let depthMultiple: Double
    public let widthMultiple: Double
    /// Anchor sizes in pixels per detection level, as [w0, h0, w1, h1, w2, h2].
    public let anchors: [[Double]]
    public let layers: [LayerPlan]
    /// The model file's text as read, kept so checkpoints can rebuild the same model.
    public internal(set) var yamlText: String = ""

    /// Layers whose outputs later rows read, other than through -1 (YOLOv5's save list).
    public var savedOutputs: [Int] {
        let sources = layers.flatMap { layer in
            layer.from.filter { $0 != -1 }.map { $0 < 0 ? layer.index + $0 : $0 }
        }
        return Array(Set(sources)).sorted()
    }

    /// Loads `path`, or a bundled name such as `yolov5n` from `configs/models/`.
    /// - Parameter classCount: replaces the file's `nc` (the dataset decides it).
    public static func load(_ nameOrPath: String, classCount: Int? = nil,
                            configFolder: String? = nil) throws -> ModelConfig {
        let path = try resolvePath(nameOrPath, configFolder: configFolder)
        guard let data = FileManager.default.contents(atPath: path) else {
            let problem = FileManager.default.fileExists(atPath: path)
                ? "cannot read the file" : "no such file"
            throw YAMLError(file: path, mark: nil, problem: problem)
        }
        return try parse(yaml: String(decoding: data, as: UTF8.self), file: path,
                         classCount: classCount)
    }

    /// Parses model-file text; `file` names it in errors (a path, or where the text came
    /// from, such as a checkpoint).
    public static func parse(yaml text: String, file: String, classCount: Int? = nil) throws
        -> ModelConfig
    {
        let root = try YAMLReader.parse(text, file: file)
        var parser = ModelConfigParser(file: file, root: root)
        var config = try parser.parse(classCountOverride: classCount)
        config.yamlText = text
        return config
    }

    /// A path as given, or `<folder>/<name>.yaml` from the bundled model folder.
    static func resolvePath(_ nameOrPath: String, configFolder: String?) throws -> String {
        if nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml")
            || nameOrPath.contains("/") {
            return nameOrPath
        }
        let folder = configFolder ?? ConfigFolder.locate() + "/models"
        let candidate = "\(folder)/\(nameOrPath).yaml"
        guard FileManager.default.fileExists(atPath: candidate) else {
            throw YAMLError(file: candidate, mark: nil,
                            problem: "no model named '\(nameOrPath)' (expected this file)")
        }
        return candidate
    }

    init(name: String, classCount: Int, depthMultiple: Double, widthMultiple: Double,
         anchors: [[Double]], layers: [LayerPlan]) {
        self.name = name
        self.classCount = classCount
        self.depthMultiple = depthMultiple
        self.widthMultiple = widthMultiple
        self.anchors = anchors
        self.layers = layers
    }
}
