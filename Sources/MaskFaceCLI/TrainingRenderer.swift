import Foundation
import MaskFaceTraining

/// Draws a training run's events: the settings line, a progress bar per epoch with the
/// running losses, and one fixed-width summary line per epoch, as YOLOv5 users expect.
final class TrainingRenderer {
    private let context: CommandContext
    private var bar: ProgressBar?
    private var barEpoch = -1

    init(context: CommandContext) {
        self.context = context
    }

    func render(_ event: TrainingEvent) {
        switch event {
        case .started(let summary): started(summary)
        case .batch(let progress): batch(progress)
        case let .validating(_, batch, count):
            if batch == 1 {
                finishBar()
                bar = ProgressBar("val".leftPadded(10), context: context)
            }
            bar?.update(batch, of: count)
        case let .epochFinished(result, isBest, seconds): epochFinished(result, isBest, seconds)
        case let .stoppedEarly(epoch, bestEpoch):
            context.print("Stopping early at epoch \(epoch + 1): no improvement since epoch "
                          + "\(bestEpoch + 1).")
        case .interrupted(let epoch):
            finishBar()
            context.print("Interrupted in epoch \(epoch + 1); saved last. Continue with "
                          + "'maskface train --resume'.")
        case .finished(let outcome): finished(outcome)
        }
    }

    private func started(_ summary: TrainingSummary) {
        let resumed = summary.resumedFrom.map { " | resumed from \($0)" } ?? ""
        context.print("train: \(summary.modelName) \(summary.parameterCount) parameters, "
            + String(format: "%.3g GFLOPs", summary.gflops)
            + " | train \(summary.trainImages) images, val \(summary.valImages)"
            + " | epochs \(summary.startEpoch + 1)-\(summary.epochs), batch \(summary.batchSize)"
            + ", img \(summary.imageSize) | threads \(summary.threads), workers "
            + "\(summary.workers) | run \(summary.runFolder)\(resumed)")
        context.print(Self.header)
    }

    static let header = ["Epoch", "box_loss", "obj_loss", "cls_loss", "P", "R", "mAP50",
                         "mAP50-95", "time"].map { $0.leftPadded(10) }.joined()

    private func batch(_ progress: BatchProgress) {
        if progress.epoch != barEpoch {
            finishBar()
            bar = ProgressBar("\(progress.epoch + 1)/\(progress.epochs)".leftPadded(10),
                              context: context)
            barEpoch = progress.epoch
        }
        let losses = progress.meanLosses.map { String(format: "%10.4f", $0) }.joined()
        let detail = losses + String(format: " %4d inst %4d px %6.1f img/s",
                                     progress.instances, progress.imageSize,
                                     progress.imagesPerSecond)
        bar?.update(progress.batch + 1, of: progress.batchCount, detail: detail)
    }

    private func epochFinished(_ result: EpochResult, _ isBest: Bool, _ seconds: Double) {
        finishBar()
        let numbers = [result.trainBoxLoss, result.trainObjectnessLoss, result.trainClassLoss,
                       result.precision, result.recall, result.mapAt50, result.mapAt50To95]
        context.print("\(result.epoch + 1)".leftPadded(10)
            + numbers.map { String(format: "%10.4f", $0) }.joined()
            + String(format: "%9.1fs", seconds) + (isBest ? "  best" : ""))
    }

    private func finished(_ outcome: TrainingOutcome) {
        finishBar()
        let hours = outcome.trainingSeconds / 3600
        context.print(String(format: "%d epochs completed in %.3f hours. ", outcome.epochsCompleted,
                             hours)
            + "Best: epoch \(outcome.bestEpoch + 1), fitness "
            + String(format: "%.4f", outcome.bestFitness))
        context.print("Results saved to \(outcome.runFolder) (weights: \(outcome.bestWeights))")
    }

    private func finishBar() {
        bar?.finish()
        bar = nil
        barEpoch = -1
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
