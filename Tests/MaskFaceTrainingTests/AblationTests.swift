import Foundation
import MaskFaceTraining
import Synchronization
import Testing

@Suite("Ablation runner", .serialized)
struct AblationTests {
    @Test(arguments: ["table1-yolov5s", "table2-yolov5n"])
    func experimentsExpandToTheEightFlagCombinations(file: String) throws {
        let plan = try AblationPlan.load("\(repositoryRoot)/experiments/\(file).yaml")
        let flags = plan.experiments.map { experiment in
            let options = plan.options(for: experiment)
            return "\(options.cosineLearningRate ? 1 : 0)\(options.labelSmoothing == 0.1 ? 1 : 0)"
                + "\(options.multiScale ? 1 : 0)"
        }
        #expect(plan.experiments.map(\.number) == Array(1...8))
        #expect(flags == ["000", "100", "010", "001", "110", "101", "011", "111"])
        #expect(plan.shared.modelConfig == (file.hasSuffix("yolov5s") ? "yolov5s" : "yolov5n"))
        #expect(plan.options(for: plan.experiments[3]).name == "exp4")
    }

    /// A plan over the tiny dataset at 64 px and one epoch.
    func tinyPlan(data: String) throws -> AblationPlan {
        var plan = try AblationPlan.load("\(repositoryRoot)/experiments/table2-yolov5n.yaml")
        plan.shared.data = data + "/data.yaml"
        plan.shared.batchSize = 4
        plan.shared.hyperparameters = repositoryRoot + "/configs/hyps/scratch-low.yaml"
        plan.shared.modelConfig = repositoryRoot + "/configs/models/yolov5n.yaml"
        return plan
    }

    func tinyOverrides(only: [Int]? = nil) -> AblationRunner.Overrides {
        var overrides = AblationRunner.Overrides()
        overrides.epochs = 1
        overrides.imageSize = 64
        overrides.threads = 1
        overrides.only = only
        return overrides
    }

    @Test func tinyAblationFillsTheWholeTable() throws {
        let data = try tinyKaggleDataset(count: 14, trainCount: 8, testCount: 3)
        let project = try temporaryFolder("ablate")
        let plan = try tinyPlan(data: data)
        #expect(try AblationRunner(plan: plan, project: project,
                                   overrides: tinyOverrides()).run())

        let table = try AblationTable.collect(plan: plan, planFolder: "\(project)/\(plan.name)")
        #expect(table.records.count == 8 && table.missing.isEmpty)
        let written = try table.write(to: project + "/results", command: "maskface ablate x")
        let markdown = try String(contentsOfFile: written[0], encoding: .utf8)
        #expect(markdown.contains("**Budget:** 1 epochs, img 64"))
        #expect(markdown.contains("reduced budget"))
        #expect(markdown.components(separatedBy: "\n").filter { $0.hasPrefix("| ") }.count == 10)
        let csv = try String(contentsOfFile: written[1], encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 9)
        #expect(csv.contains(",yolov5n,64,1761871,"))
        #expect(FileManager.default.fileExists(atPath: written[2]))
    }

    @Test func rerunAfterAKillSkipsFinishedExperiments() throws {
        let data = try tinyKaggleDataset(count: 14, trainCount: 8, testCount: 3)
        let project = try temporaryFolder("ablate")
        let plan = try tinyPlan(data: data)
        let started = Mutex(0)
        // Stop inside the second experiment.
        let first = try AblationRunner(
            plan: plan, project: project, overrides: tinyOverrides(only: [1, 2, 3]),
            observe: { event in
                if case .starting = event { started.withLock { $0 += 1 } }
            }, shouldStop: { started.withLock { $0 } == 2 }
        ).run()
        #expect(!first)

        var events: [String] = []
        let second = try AblationRunner(
            plan: plan, project: project, overrides: tinyOverrides(only: [1, 2, 3]),
            observe: { event in
                switch event {
                case .skipped(let number, _): events.append("skip\(number)")
                case .starting(let number, _, let resuming):
                    events.append("\(resuming ? "resume" : "train")\(number)")
                default: break
                }
            }
        ).run()
        #expect(second)
        #expect(events == ["skip1", "resume2", "train3"])
    }
}
