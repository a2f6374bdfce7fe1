import Torch

/// The loss terms of one detection level.
extension DetectionLoss {
    struct LevelParts {
        /// Mean `1 - CIoU` over matched pairs; nil without matches.
        var box: Tensor?
        /// Objectness BCE over all cells (before balance and gain).
        var objectness: Tensor
        /// Class BCE over matched pairs; nil without matches or with one class.
        var classification: Tensor?
    }

    /// - Parameters:
    ///   - prediction: `[bs, anchors, ny, nx, 5 + nc]` raw outputs.
    ///   - matched: the level's target assignment.
    func levelLoss(prediction: Tensor, matched: LevelTargets) throws -> LevelParts {
        let shape = prediction.shape
        let objectnessTarget = try Tensor.zeros(
            Array(shape.prefix(4)), dtype: prediction.dtype, device: prediction.device)
        var box: Tensor? = nil
        var classification: Tensor? = nil
        if matched.count > 0 {
            let device = prediction.device
            let cells = try [
                matched.imageIndices, matched.anchorIndices, matched.gridY, matched.gridX,
            ].map { try Tensor($0.map(Int64.init)).to(device: device) }
            let selected = try prediction.index(cells)  // [n, 5 + nc]
            let ciou = try matchedBoxIoU(selected: selected, matched: matched)
            box = try (1.0 - ciou).mean()
            // gr = 1: the objectness target is the IoU itself, detached, never negative.
            let iouTarget = try ciou.detach().clamp(min: 0).to(dtype: prediction.dtype)
            try objectnessTarget.indexPut_(cells, iouTarget)
            if classCount > 1 {
                classification = try classLoss(selected: selected, matched: matched)
            }
        }
        let objectnessLogits = try prediction.select(dim: 4, index: 4)  // [bs, anchors, ny, nx]
        let objectnessWeight = try positiveWeight(
            hyperparameters.objectnessPositiveWeight, like: prediction)
        let objectness = try objectnessLogits.binaryCrossEntropyWithLogits(
            target: objectnessTarget, posWeight: objectnessWeight)
        return LevelParts(box: box, objectness: objectness, classification: classification)
    }

    /// CIoU of decoded predictions with their targets, in grid units: `[n]`.
    private func matchedBoxIoU(selected: Tensor, matched: LevelTargets) throws -> Tensor {
        let device = selected.device
        let centre = try selected.narrow(dim: 1, start: 0, length: 2).sigmoid() * 2 - 0.5
        let anchorSizes = try Tensor(matched.anchorSizes, shape: [matched.count, 2])
            .to(dtype: selected.dtype, device: device)
        let size = try (selected.narrow(dim: 1, start: 2, length: 2).sigmoid() * 2).pow(2)
            * anchorSizes
        let predictedBox = try Tensor.cat([centre, size], dim: 1)  // [n, 4] xywh, grid units
        let targetBox = try Tensor(matched.targetBoxes, shape: [matched.count, 4])
            .to(dtype: selected.dtype, device: device)
        return try CompleteIoU.between(predictedBox, targetBox)
    }

    /// BCE of the class logits against smoothed one-hot targets.
    private func classLoss(selected: Tensor, matched: LevelTargets) throws -> Tensor {
        let logits = try selected.narrow(dim: 1, start: 5, length: classCount)  // [n, nc]
        let smoothing = hyperparameters.labelSmoothing
        let positive = Float(1.0 - 0.5 * smoothing)
        let negative = Float(0.5 * smoothing)
        var values = [Float](repeating: negative, count: matched.count * classCount)
        for (row, classIndex) in matched.classes.enumerated() {
            guard (0..<classCount).contains(classIndex) else {
                throw TrainingError.invalidArgument(
                    "target class \(classIndex) outside 0..<\(classCount)")
            }
            values[row * classCount + classIndex] = positive
        }
        let target = try Tensor(values, shape: [matched.count, classCount])
            .to(dtype: selected.dtype, device: selected.device)
        return try logits.binaryCrossEntropyWithLogits(
            target: target,
            posWeight: try positiveWeight(hyperparameters.classPositiveWeight, like: selected))
    }

    private func positiveWeight(_ value: Double, like tensor: Tensor) throws -> Tensor {
        try Tensor.full([1], value: value, dtype: tensor.dtype, device: tensor.device)
    }
}
