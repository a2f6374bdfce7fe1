import Foundation
import Torch

/// What the model returns for a batch of images.
public struct DetectionOutput {
    /// One tensor per level (strides 8, 16, 32), `[bs, anchorsPerLevel, ny, nx, 5 + nc]`,
    /// before the sigmoid: box offsets tx, ty, tw, th, objectness, class logits. The loss
    /// reads these.
    public let raw: [Tensor]
    /// `[bs, levels * anchorsPerLevel * ny * nx, 5 + nc]` in eval mode, nil in training
    /// mode: `cx, cy, w, h` in input pixels, then objectness and class scores after the
    /// sigmoid. Rows run level by level, then anchor, then y, then x.
    public let decoded: Tensor?
}

/// The detection head (YOLOv5's Detect): a 1x1 convolution per level that predicts, for
/// each of `anchorsPerLevel` anchors at every grid cell, a box, an objectness and `nc`
/// class logits.
///
/// State dict: `anchors` `[levels, anchorsPerLevel, 2]` (w, h in grid units, i.e. pixels
/// divided by the level's stride, as YOLOv5 stores them), then `m.<level>.weight`
/// `[anchorsPerLevel * (5 + nc), C_level, 1, 1]` and `m.<level>.bias`.
///
/// Decoding (eval mode), with `s = sigmoid(raw)`, cell `(i, j)` and stride `d` in pixels:
/// `cx = (2 * s_x - 0.5 + j) * d`, `cy = (2 * s_y - 0.5 + i) * d`,
/// `w = (2 * s_w)^2 * anchorW * d`, `h = (2 * s_h)^2 * anchorH * d`.
public final class Detect: Module {
    public let classCount: Int
    public let anchorsPerLevel: Int
    /// `5 + nc`: box (4), objectness (1), classes.
    public let outputsPerAnchor: Int
    /// Pixels per grid cell at each level (8, 16, 32 for the P3-P5 heads).
    public let strides: [Int]
    /// `[levels, anchorsPerLevel, 2]`, grid units. Loaded weights may replace the values
    /// (AutoAnchor changes them), so decoding always reads this buffer.
    public let anchors: Tensor
    public let convolutions: [Conv2d]
    private var gridCache: [GridKey: Tensor] = [:]

    /// - Parameters:
    ///   - anchorPixels: per level `[w0, h0, w1, h1, ...]` in pixels, as the model file has.
    ///   - strides: pixels per cell of each level's input feature map.
    ///   - inputChannels: channels of each level's feature map.
    ///   - initialize: false leaves the convolutions at zero for weights about to be loaded.
    public init(classCount: Int, anchorPixels: [[Double]], strides: [Int],
                inputChannels: [Int], initialize: Bool = true) throws {
        self.classCount = classCount
        let anchorCount = anchorPixels[0].count / 2
        anchorsPerLevel = anchorCount
        outputsPerAnchor = classCount + 5
        self.strides = strides
        let gridUnits = AnchorOrder.gridUnits(anchorPixels, strides: strides)
        let anchorValues: [Float] = gridUnits.joined().joined().map { Float($0) }
        anchors = try Tensor(anchorValues, shape: [strides.count, anchorCount, 2])
        convolutions = try inputChannels.map { channels in
            try Conv2d(inChannels: channels, outChannels: anchorCount * (classCount + 5),
                       kernel: 1)
        }
        super.init()
        try registerBuffer("anchors", anchors)
        let list = try registerModule("m", Module())
        for (level, convolution) in convolutions.enumerated() {
            try list.registerModule(String(level), convolution)
            if initialize {
                try DefaultInitialization.apply(to: convolution)
            }
        }
        if initialize {
            try initializeBiases()
        }
    }

    /// YOLOv5's prior for an untrained head: about 8 objects per 640x640 image spread over
    /// the level's cells (`log(8 / (640 / stride)^2)` on objectness) and class
    /// probabilities near 0.6 / nc (`log(0.6 / (nc - 0.99))`), added to the default
    /// bias initialisation (arXiv:1708.02002 section 3.3 gives the idea).
    private func initializeBiases() throws {
        let classOffset = log(0.6 / (Double(classCount) - 0.99))
        for (convolution, stride) in zip(convolutions, strides) {
            guard let bias = convolution.bias else { continue }
            let objectOffset = log(8 / pow(640 / Double(stride), 2))
            let perAnchor = [0, 0, 0, 0, objectOffset].map { Float($0) }
                + [Float](repeating: Float(classOffset), count: classCount)
            let offsets = [Float](Array(repeating: perAnchor, count: anchorsPerLevel).joined())
            try Torch.withNoGrad { _ = try bias.add_(try Tensor(offsets)) }
        }
    }

    /// Runs the head on the P3-P5 feature maps (`[bs, C_level, ny, nx]` each).
    public func forward(_ features: [Tensor]) throws -> DetectionOutput {
        var raw: [Tensor] = []
        var decoded: [Tensor] = []
        for (level, feature) in features.enumerated() {
            let batch = feature.size(0)
            let (height, width) = (feature.size(2), feature.size(3))
            let predictions = try convolutions[level].forward(feature)
                .view([batch, anchorsPerLevel, outputsPerAnchor, height, width])
                .permute([0, 1, 3, 4, 2])  // [bs, na, ny, nx, 5 + nc]
                .contiguous()
            raw.append(predictions)
            if !isTraining {
                decoded.append(try decode(predictions, level: level))
            }
        }
        let joined = isTraining ? nil : try Tensor.cat(decoded, dim: 1)
        return DetectionOutput(raw: raw, decoded: joined)
    }

    /// `[bs, na, ny, nx, 5 + nc]` raw to `[bs, na * ny * nx, 5 + nc]` decoded; the operation
    /// order follows YOLOv5's so that float32 results agree with it bit for bit or nearly.
    private func decode(_ predictions: Tensor, level: Int) throws -> Tensor {
        let shape = predictions.shape
        let stride = Double(strides[level])
        let parts = try predictions.sigmoid().split(sizes: [2, 2, classCount + 1], dim: 4)
        let grid = try cellGrid(level: level, height: shape[2], width: shape[3],
                                device: predictions.device)
        let centers = try (parts[0] * 2 + grid) * stride
        let anchorPixels = try (anchors.select(dim: 0, index: level) * stride)
            .view([1, anchorsPerLevel, 1, 1, 2])
        let sizes = try (parts[1] * 2).pow(2) * anchorPixels
        return try Tensor.cat([centers, sizes, parts[2]], dim: 4)
            .view([shape[0], -1, outputsPerAnchor])  // [bs, na * ny * nx, 5 + nc]
    }

    /// Cell offsets `[1, na, ny, nx, 2]` holding `(x - 0.5, y - 0.5)`, cached per level and
    /// input size so repeated inference at one size builds them once.
    private func cellGrid(level: Int, height: Int, width: Int, device: Device) throws
        -> Tensor
    {
        let key = GridKey(level: level, height: height, width: width, device: device)
        if let cached = gridCache[key] {
            return cached
        }
        let rows = try Tensor.arange(0, Double(height), dtype: .float32, device: device)
        let columns = try Tensor.arange(0, Double(width), dtype: .float32, device: device)
        let mesh = try Tensor.meshgrid([rows, columns], indexing: .ij)
        let grid = try Tensor.stack([mesh[1], mesh[0]], dim: 2)  // [ny, nx, 2] as (x, y)
            .expand([1, anchorsPerLevel, height, width, 2]) - 0.5
        if gridCache.count >= GridKey.cacheLimit {
            gridCache.removeAll()
        }
        gridCache[key] = grid
        return grid
    }

    private struct GridKey: Hashable {
        /// Letterboxed inputs come in a few shapes; more than this many means sizes vary
        /// freely, and the cache starts over rather than grow.
        static let cacheLimit = 48
        let level: Int
        let height: Int
        let width: Int
        let device: Device
    }
}

/// Anchor bookkeeping done once when the head is built.
enum AnchorOrder {
    /// Pixel anchors divided by each level's stride, as `[level][anchor] = [w, h]`. When the
    /// anchors' mean area shrinks while strides grow, the levels are reversed, as YOLOv5's
    /// `check_anchor_order` does, so small anchors always go with the fine level.
    static func gridUnits(_ pixels: [[Double]], strides: [Int]) -> [[[Double]]] {
        var levels = zip(pixels, strides).map { level, stride in
            pairs(level).map { [$0[0] / Double(stride), $0[1] / Double(stride)] }
        }
        let meanArea = levels.map { level in
            level.map { $0[0] * $0[1] }.reduce(0, +) / Double(level.count)
        }
        if let first = meanArea.first, let last = meanArea.last, let low = strides.first,
           let high = strides.last, first != last,
           (last - first).sign != Double(high - low).sign {
            levels.reverse()
        }
        return levels
    }

    private static func pairs(_ values: [Double]) -> [[Double]] {
        stride(from: 0, to: values.count, by: 2).map { [values[$0], values[$0 + 1]] }
    }
}
