import Foundation
import Testing
import Torch
import YOLO
import YOLOTraining

/// The loss through the real model: per-parameter gradient norms of `loss_total` against
/// `yolov5n-seed0_loss.json` (train-mode forward of the fixture input, 2 threads).
@Suite("Loss gradients through the model", .serialized)
struct LossGradientTests {
    @Test(arguments: [0, 1, 2, 3])
    func gradientNormsEqualTheReference(caseIndex: Int) throws {
        try Torch.setThreadCount(2)
        let fixtureData = try Data(contentsOf: URL(fileURLWithPath:
            referenceFolder + "/yolov5n-seed0_loss.json"))
        let fixture = try #require(JSONSerialization.jsonObject(with: fixtureData)
            as? [String: Any])
        let cases = try #require(fixture["cases"] as? [[String: Any]])
        let entry = cases[caseIndex]
        let expected = try #require(entry["train_mode"] as? [String: Any])
        let expectedNorms = try #require(expected["grad_norms"] as? [String: Double])

        let model = try DetectionModel(configNamed: "yolov5n", classCount: 2,
                                       configFolder: repositoryRoot + "/configs/models")
        try model.loadWeights(from: referenceFolder + "/yolov5n-seed0_state_dict.safetensors")
        model.train()
        let forward = try SafeTensors.read(URL(fileURLWithPath:
            referenceFolder + "/yolov5n-seed0_forward.safetensors")).tensors
        let output = try model.forward(try #require(forward["input"]))

        let gains = try #require(entry["gains"] as? [String: Double])
        var hyperparameters = LossHyperparameters(
            boxGain: try #require(gains["box"]), objectnessGain: try #require(gains["obj"]),
            classGain: try #require(gains["cls"]))
        hyperparameters.labelSmoothing = try #require(entry["label_smoothing"] as? Double)
        let rows = try #require(fixture["targets"] as? [[Double]])
        let targets = try Tensor(rows.flatMap { $0.map(Float.init) }, shape: [rows.count, 6])
        let loss = try DetectionLoss(classCount: 2, anchors: model.head.anchors,
                                     hyperparameters: hyperparameters)(
            predictions: output.raw, targets: targets)
        let total = try #require(expected["loss_total"] as? Double)
        #expect(abs(try loss.total.item() - total) < 1e-5)
        try loss.total.backward()

        let norms = try GradientClipping.gradientNorms(of: model.namedParameters())
        #expect(norms.count == expectedNorms.count)
        var worst = 0.0
        for (name, norm) in norms {
            let reference = try #require(expectedNorms[name], "\(name)")
            let measured = try #require(norm, "\(name) has no gradient")
            worst = max(worst, abs(measured - reference) / reference)
        }
        #expect(worst < 1e-4, "largest relative gradient-norm difference \(worst)")
    }
}
