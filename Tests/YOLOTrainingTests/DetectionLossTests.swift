import Foundation
import MaskFaceCore
import Testing

@testable import Torch
@testable import YOLOTraining

/// Golden checks of the loss against `yolov5n-seed0_loss.json` (ComputeLoss of YOLOv5 v7.0
/// on the forward fixture's raw head outputs, 2 threads; README section 3).
@Suite("Detection loss against YOLOv5", .serialized)
struct DetectionLossTests {
    let fixture: [String: Any]
    let forward: NamedTensors
    let targets: Tensor
    let anchors: Tensor

    init() throws {
        try Torch.setThreadCount(2)
        fixture = try fixtureJSON("yolov5n-seed0_loss.json")
        forward = try fixtureTensors("yolov5n-seed0_forward.safetensors")
        let targetRows = try rows(fixture["targets"])
        targets = try Tensor(
            targetRows.flatMap { $0.map(Float.init) }, shape: [targetRows.count, 6])
        anchors = try fixtureAnchors()
    }

    private func raw(_ mode: String) throws -> [Tensor] {
        try (0..<3).map { try #require(forward["raw_\(mode)_\($0)"]) }
    }

    private func loss(for fixtureCase: [String: Any]) throws -> DetectionLoss {
        let gains = try #require(fixtureCase["gains"] as? [String: Double])
        var hyperparameters = LossHyperparameters(
            boxGain: try #require(gains["box"]), objectnessGain: try #require(gains["obj"]),
            classGain: try #require(gains["cls"]))
        hyperparameters.labelSmoothing = try #require(fixtureCase["label_smoothing"] as? Double)
        return try DetectionLoss(
            classCount: 2, anchors: anchors, hyperparameters: hyperparameters)
    }

    @Test func trainScaledGainsAreWhatTrainPyDerives() throws {
        let scaled = LossHyperparameters.scaledForTraining(
            box: 0.05, objectness: 1.0, classification: 0.5, classCount: 2, imageSize: 320)
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        let gains = try #require(cases[0]["gains"] as? [String: Double])
        #expect(Swift.abs(scaled.boxGain - (gains["box"] ?? 0)) < 1e-15)
        #expect(Swift.abs(scaled.objectnessGain - (gains["obj"] ?? 0)) < 1e-15)
        #expect(Swift.abs(scaled.classGain - (gains["cls"] ?? 0)) < 1e-15)
    }

    @Test func targetAssignmentEqualsBuildTargets() throws {
        let levels = try #require(fixture["build_targets"] as? [[String: Any]])
        let loss = try loss(for: try #require((fixture["cases"] as? [[String: Any]])?.first))
        let assigned = try loss.assign(predictions: try raw("train"), targets: targets)
        var boxDifference = 0.0
        for (level, expected) in levels.enumerated() {
            let matched = assigned[level]
            #expect(matched.count == (expected["n"] as? Int), "level \(level)")
            #expect(matched.imageIndices == (try integers(expected["image"])))
            #expect(matched.anchorIndices == (try integers(expected["anchor"])))
            #expect(matched.gridY == (try integers(expected["gj"])))
            #expect(matched.gridX == (try integers(expected["gi"])))
            #expect(matched.classes == (try integers(expected["tcls"])))
            let boxes = try rows(expected["tbox_xywh_grid"]).flatMap { $0 }
            let anchorSizes = try rows(expected["anchor_wh_grid"]).flatMap { $0 }
            #expect(matched.anchorSizes.map(Double.init) == anchorSizes)
            boxDifference = Swift.max(
                boxDifference, maxAbsDifference(matched.targetBoxes.map(Double.init), boxes))
        }
        note("build_targets tbox", boxDifference)
        #expect(boxDifference <= 1e-6)
        #expect(assigned.map(\.count) == [33, 46, 28])
    }

    @Test func lossPartsEqualComputeLossInAllFourCases() throws {
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        #expect(cases.count == 4)
        var largest = 0.0
        for fixtureCase in cases {
            let expected = try #require(fixtureCase["train_mode"] as? [String: Any])
            let output = try loss(for: fixtureCase)(
                predictions: try raw("train"), targets: targets)
            let actual = [output.box, output.objectness, output.classification,
                          try output.total.item()]
            let reference = try ["lbox", "lobj", "lcls", "loss_total"].map {
                try #require(expected[$0] as? Double)
            }
            let difference = maxAbsDifference(actual, reference)
            largest = Swift.max(largest, difference)
            #expect(difference <= 1e-5, "\(fixtureCase["hyp"] ?? "")")
        }
        note("train-mode loss parts and totals", largest)
    }

    /// The fixture's eval-mode losses came from an eval forward made after the train-mode
    /// pass had moved BatchNorm's running statistics (the stored state dict counts 21
    /// batches), while `raw_eval_*` predate that pass. So on `raw_eval_*` they agree only to
    /// about 0.3%; the exact check needs the model's eval forward of the stored weights and
    /// belongs to the integration tests.
    @Test func evalModeLossIsCloseOnTheStoredEvalOutputs() throws {
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        var largest = 0.0
        for fixtureCase in cases {
            let expected = try #require(fixtureCase["eval_mode"] as? [String: Any])
            let output = try loss(for: fixtureCase)(
                predictions: try raw("eval"), targets: targets)
            let reference = try #require(expected["loss_total"] as? Double)
            let relative = Swift.abs(try output.total.item() - reference) / reference
            largest = Swift.max(largest, relative)
            #expect(relative < 5e-3, "\(fixtureCase["hyp"] ?? "")")
        }
        note("eval-mode loss_total on raw_eval_* (relative)", largest)
    }

    /// The gradient with respect to the raw outputs: what the model's backward pass starts
    /// from. The per-parameter norms in the fixture need the model and are checked there.
    @Test func gradientWithRespectToRawOutputsIsFiniteAndNonZero() throws {
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        let loss = try loss(for: cases[0])
        let leaves = try raw("train").map { try $0.clone().detach().requiresGrad(true) }
        let output = try loss(predictions: leaves, targets: targets)
        try output.total.backward()
        for leaf in leaves {
            let gradient = try #require(try leaf.grad())
            #expect(try gradient.isFinite().all().itemInt() == 1)
            #expect(try gradient.abs().sum().item() > 0)
        }
    }

    @Test func imagesWithoutTargetsGiveOnlyObjectnessLoss() throws {
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        let loss = try loss(for: cases[0])
        let output = try loss(predictions: try raw("train"), targets: try Tensor.zeros([0, 6]))
        #expect(output.box == 0)
        #expect(output.classification == 0)
        #expect(output.objectness > 0)
    }

    @Test func wrongShapesAreReported() throws {
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        let loss = try loss(for: cases[0])
        #expect(throws: TrainingError.self) {
            try loss(predictions: try raw("train"), targets: try Tensor.zeros([3, 5]))
        }
        #expect(throws: TrainingError.self) {
            try loss(predictions: Array(try raw("train").prefix(2)), targets: targets)
        }
    }
}
