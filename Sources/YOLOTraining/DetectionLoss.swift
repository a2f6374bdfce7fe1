import Torch

/// Gains and thresholds of YOLOv5's loss (the loss part of a hyp file).
public struct LossHyperparameters: Sendable, Equatable {
    /// Box (CIoU) loss gain, as passed to the loss (already scaled; see `scaledForTraining`).
    public var boxGain: Double
    /// Objectness loss gain, already scaled.
    public var objectnessGain: Double
    /// Classification loss gain, already scaled.
    public var classGain: Double
    /// `cls_pw`: BCE weight of positive class targets.
    public var classPositiveWeight: Double = 1
    /// `obj_pw`: BCE weight of positive objectness targets.
    public var objectnessPositiveWeight: Double = 1
    /// `anchor_t`: largest allowed width or height ratio between a target and its anchor.
    public var anchorRatioThreshold: Double = 4
    /// Label smoothing epsilon: class targets become `1 - eps/2` and `eps/2`.
    public var labelSmoothing: Double = 0

    public init(boxGain: Double, objectnessGain: Double, classGain: Double) {
        self.boxGain = boxGain
        self.objectnessGain = objectnessGain
        self.classGain = classGain
    }

    /// The gains `train.py` derives from a hyp file's `box`, `obj` and `cls`: box x 3/levels,
    /// cls x classes/80 x 3/levels, obj x (imageSize/640)^2 x 3/levels (hyp.scratch-low at
    /// nc 2, 320 px, 3 levels gives 0.05, 0.25 and 0.0125).
    public static func scaledForTraining(box: Double, objectness: Double, classification: Double,
                                         classCount: Int, imageSize: Int, levelCount: Int = 3)
        -> LossHyperparameters
    {
        let levelScale = 3.0 / Double(levelCount)
        let sizeRatio = Double(imageSize) / 640
        return LossHyperparameters(
            boxGain: box * levelScale,
            objectnessGain: objectness * (sizeRatio * sizeRatio * levelScale),
            classGain: classification * (Double(classCount) / 80 * levelScale))
    }
}

/// The loss of one batch: what to backpropagate and the three parts to log.
public struct LossOutput {
    /// `(box + objectness + classification) * batchSize`, one element, with gradient.
    public var total: Tensor
    /// Box (1 - CIoU) loss after its gain, detached.
    public var box: Double
    /// Objectness BCE after balance and gain, detached.
    public var objectness: Double
    /// Class BCE after its gain, detached.
    public var classification: Double
}

/// YOLOv5 v7.0's detection loss (`ComputeLoss` with `gr = 1`, no focal loss, no
/// auto-balance).
///
/// Per level, matched predictions (see `TargetAssigner`) are decoded as
/// `xy = 2 * sigmoid - 0.5` (cell units) and `wh = (2 * sigmoid)^2 * anchor`; the box loss is
/// the mean of `1 - CIoU`; the objectness target is the detached CIoU clamped at 0 at
/// matched cells and 0 elsewhere, its BCE averaged over all cells and weighted by the
/// level's balance (4, 1, 0.4 for P3-P5); the class loss is BCE against smoothed one-hot
/// targets. The loss is averaged per batch and multiplied by the batch size, as YOLOv5
/// returns it.
///
/// Shortcoming: focal loss (`fl_gamma > 0`) and auto-balance are not implemented; the
/// reference hyp files do not use them.
public struct DetectionLoss {
    public var classCount: Int
    public var hyperparameters: LossHyperparameters
    public var assigner: TargetAssigner
    /// Objectness weight per level, YOLOv5's defaults by level count.
    public var levelBalance: [Double]

    /// - Parameters:
    ///   - anchors: anchor `(w, h)` per level in grid units of that level (the model's
    ///     `anchors` buffer, `[levels][3]`, pixels divided by the stride).
    public init(classCount: Int, anchors: [[SIMD2<Float>]],
                hyperparameters: LossHyperparameters) {
        self.classCount = classCount
        self.hyperparameters = hyperparameters
        self.assigner = TargetAssigner(
            anchors: anchors, anchorRatioThreshold: Float(hyperparameters.anchorRatioThreshold))
        self.levelBalance = anchors.count == 3 ? [4.0, 1.0, 0.4] : [4.0, 1.0, 0.25, 0.06, 0.02]
    }

    /// Reads anchors from the model's `[levels, anchors, 2]` buffer (grid units).
    public init(classCount: Int, anchors: Tensor, hyperparameters: LossHyperparameters) throws {
        let shape = anchors.shape
        guard shape.count == 3, shape[2] == 2 else {
            throw TrainingError.shapeMismatch(
                what: "anchors", expected: "[levels, anchors, 2]", actual: shape)
        }
        let values = try anchors.detach().to(dtype: .float32, device: .cpu).floats()
        let perLevel = (0..<shape[0]).map { level in
            (0..<shape[1]).map { anchor in
                let start = (level * shape[1] + anchor) * 2
                return SIMD2(values[start], values[start + 1])
            }
        }
        self.init(classCount: classCount, anchors: perLevel, hyperparameters: hyperparameters)
    }

    /// Computes the loss.
    ///
    /// - Parameters:
    ///   - predictions: the head's raw outputs in training layout, one per level:
    ///     `[bs, anchors, ny, nx, 5 + nc]`, before the sigmoid.
    ///   - targets: `[n, 6]` rows `(imageIndex, class, cx, cy, w, h)`, box normalised 0...1.
    public func callAsFunction(predictions: [Tensor], targets: Tensor) throws -> LossOutput {
        let levels = try assign(predictions: predictions, targets: targets)
        var boxLoss: Tensor? = nil
        var objectnessLoss: Tensor? = nil
        var classLoss: Tensor? = nil
        for (index, (prediction, matched)) in zip(predictions, levels).enumerated() {
            let parts = try levelLoss(prediction: prediction, matched: matched)
            if let box = parts.box { boxLoss = try boxLoss.map { try $0 + box } ?? box }
            if let cls = parts.classification {
                classLoss = try classLoss.map { try $0 + cls } ?? cls
            }
            let weighted = try parts.objectness * levelBalance[index]
            objectnessLoss = try objectnessLoss.map { try $0 + weighted } ?? weighted
        }
        let zero = try Tensor.zeros([], dtype: predictions[0].dtype)
        let box = try (boxLoss ?? zero) * hyperparameters.boxGain
        let objectness = try (objectnessLoss ?? zero) * hyperparameters.objectnessGain
        let classification = try (classLoss ?? zero) * hyperparameters.classGain
        let batchSize = predictions[0].size(0)
        let total = try (box + objectness + classification) * batchSize
        return LossOutput(
            total: total, box: try box.item(), objectness: try objectness.item(),
            classification: try classification.item())
    }

    /// Checks the prediction shapes and matches the targets on every level.
    public func assign(predictions: [Tensor], targets: Tensor) throws -> [LevelTargets] {
        guard predictions.count == assigner.anchors.count, !predictions.isEmpty else {
            throw TrainingError.invalidArgument(
                "\(predictions.count) prediction levels; the anchors have "
                    + "\(assigner.anchors.count)")
        }
        var grids: [(ny: Int, nx: Int)] = []
        for (level, prediction) in predictions.enumerated() {
            let shape = prediction.shape
            let anchorCount = assigner.anchors[level].count
            guard shape.count == 5, shape[1] == anchorCount, shape[4] == 5 + classCount else {
                throw TrainingError.shapeMismatch(
                    what: "prediction level \(level)",
                    expected: "[bs, \(anchorCount), ny, nx, \(5 + classCount)]", actual: shape)
            }
            grids.append((shape[2], shape[3]))
        }
        return try assigner.assign(targets: try targetRows(targets), gridSizes: grids)
    }

    private func targetRows(_ targets: Tensor) throws -> [[Float]] {
        let shape = targets.shape
        guard shape.count == 2, shape[1] == 6 else {
            throw TrainingError.shapeMismatch(
                what: "targets", expected: "[n, 6] (image, class, x, y, w, h)", actual: shape)
        }
        let values = try targets.detach().to(dtype: .float32, device: .cpu).floats()
        return (0..<shape[0]).map { Array(values[($0 * 6)..<($0 * 6 + 6)]) }
    }
}
