import Foundation
import MaskFaceCore
import MaskFaceData
import MaskFaceVision
import Torch
import YOLO
import YOLOTraining

/// What one validation pass measured.
public struct ValidationResult: Sendable {
    public var metrics: MetricsSummary
    /// Mean validation losses per batch: box, objectness, class (zero without a loss).
    public var losses: [Double]
    /// Mean milliseconds per image: pre-process, inference, NMS.
    public var millisecondsPerImage: [Double]
    /// `[predicted][true]` counts with background last (confidence 0.25, IoU 0.45).
    public var confusionMatrix: [[Int]]
}

/// Runs a model over a validation loader as YOLOv5's `val.py` does: letterboxed images,
/// NMS at confidence 0.001 and IoU 0.6 (multi-label, at most 300 boxes), and the metrics
/// computed with predictions and labels mapped back to each original image's pixels.
public struct Validator {
    public var nonMaxSuppression = NonMaxSuppression.validation
    /// When set, the loss on the raw outputs is averaged too (val/box_loss, ...).
    public var loss: DetectionLoss?

    public init(loss: DetectionLoss? = nil) {
        self.loss = loss
    }

    public func run(
        model: DetectionModel, loader: DetectionLoader,
        progress: (Int, Int) -> Void = { _, _ in }
    ) throws -> ValidationResult {
        model.eval()
        var metrics = DetectionMetrics(classCount: model.classCount)
        var lossSums = [0.0, 0.0, 0.0]
        var seconds = [0.0, 0.0, 0.0]
        let stream = loader.batches(epoch: 0)
        defer { stream.close() }
        var batchIndex = 0
        while let batch = try stream.next() {
            var clock = Date()
            let images = try batch.imageTensor()
            seconds[0] += Date().timeIntervalSince(clock)
            clock = Date()
            let output = try Torch.withNoGrad { try model.forward(images) }
            seconds[1] += Date().timeIntervalSince(clock)
            if let loss {
                let parts = try Torch.withNoGrad {
                    try loss(predictions: output.raw, targets: batch.targetTensor())
                }
                lossSums[0] += parts.box
                lossSums[1] += parts.objectness
                lossSums[2] += parts.classification
            }
            clock = Date()
            guard let decoded = output.decoded else {
                throw TrainingRunError(path: "validation", problem: "model gave no decoded boxes")
            }
            let detections = try nonMaxSuppression.detections(in: decoded)
            seconds[2] += Date().timeIntervalSince(clock)
            try add(batch, detections: detections, to: &metrics)
            batchIndex += 1
            progress(batchIndex, loader.batchCount)
        }
        let images = Double(max(loader.samples.count, 1))
        return ValidationResult(
            metrics: metrics.summary(),
            losses: lossSums.map { $0 / Double(max(batchIndex, 1)) },
            millisecondsPerImage: seconds.map { $0 * 1000 / images },
            confusionMatrix: metrics.confusionMatrix.counts)
    }

    /// Maps each image's predictions and labels to its original pixels and records them.
    private func add(_ batch: DetectionBatch, detections: [[Detection]],
                     to metrics: inout DetectionMetrics) throws {
        var labelsPerImage = [[LabeledBox]](repeating: [], count: batch.imageCount)
        for row in 0..<batch.labelCount {
            let (imageIndex, label) = batch.label(row)
            let corners = label.corners(imageWidth: batch.imageSize, imageHeight: batch.imageSize)
            let original = batch.placements[imageIndex].toOriginal(corners)
            labelsPerImage[imageIndex].append(LabeledBox(classIndex: label.classIndex,
                                                         box: Self.corners(original)))
        }
        for (imageIndex, predictions) in detections.enumerated() {
            let placement = batch.placements[imageIndex]
            let mapped = predictions.map { detection -> Detection in
                let box = PixelBox(
                    x1: Double(detection.box.x1), y1: Double(detection.box.y1),
                    x2: Double(detection.box.x2), y2: Double(detection.box.y2))
                let original = placement.toOriginal(box).clipped(
                    width: Double(placement.originalWidth),
                    height: Double(placement.originalHeight))
                return Detection(box: Self.corners(original), confidence: detection.confidence,
                                 classIndex: detection.classIndex)
            }
            try metrics.add(predictions: mapped, labels: labelsPerImage[imageIndex])
        }
    }

    static func corners(_ box: PixelBox) -> BoxCorners {
        BoxCorners(x1: Float(box.x1), y1: Float(box.y1), x2: Float(box.x2), y2: Float(box.y2))
    }
}
