import Foundation
import MaskFaceTraining

/// `maskface ablate`: trains and evaluates every experiment of an ablation file and writes
/// its table; resumable, and `--report` rebuilds the table from the run folders.
enum AblateCommand {
    static let spec = CommandSpec(
        ["ablate"], summary: "Run an ablation table (model x cos-lr x label smoothing x "
            + "multi-scale).",
        discussion: "Finished experiments are skipped and interrupted ones resume, so "
            + "running the same command again continues. The table states its budget.",
        options: [
            .value("epochs", "E", help: "Epochs per experiment (default: the file's)."),
            .value("img", "S", help: "Image size (default: the file's)."),
            .value("fraction", "F", help: "Fraction of the training split (default: 1)."),
            .value("only", "LIST", help: "Run only these experiments, e.g. 2,5."),
            .value("threads", "N", help: "libtorch threads (default: the number of cores)."),
            .value("device", "DEV", default: "cpu", help: "cpu or cuda[:N]."),
            .value("project", "DIR", default: "runs/ablate", help: "Parent of run folders."),
            .value("results", "DIR", default: "results", help: "Where tables are written."),
            .flag("report", help: "Only rebuild the table from finished experiments."),
        ],
        positionals: [PositionalSpec("FILE", help: "An experiments YAML file.")]
    ) { arguments, context in
        guard let file = arguments.positional("FILE") else {
            throw UsageError(command: arguments.command, problem: "missing argument FILE")
        }
        let plan = try AblationPlan.load(file)
        var overrides = AblationRunner.Overrides()
        overrides.epochs = try arguments.int("epochs")
        overrides.imageSize = try arguments.int("img")
        overrides.fraction = try arguments.double("fraction")
        overrides.threads = try arguments.int("threads")
        overrides.device = arguments.string("device")
        overrides.only = try arguments.string("only").map { try parseList($0, arguments) }
        let project = arguments.string("project") ?? "runs/ablate"
        var completed = true
        if !arguments.flag("report") {
            let stop = StopSignal.install()
            defer { StopSignal.uninstall() }
            let renderer = AblationRenderer(context: context)
            completed = try AblationRunner(plan: plan, project: project, overrides: overrides,
                                           observe: renderer.render, shouldStop: stop).run()
        }
        let table = try AblationTable.collect(plan: plan, planFolder: "\(project)/\(plan.name)")
        let command = (["maskface", "ablate"] + CommandLine.arguments.dropFirst(2)
            .filter { $0 != "--report" }).joined(separator: " ")
        let written = try table.write(to: arguments.string("results") ?? "results",
                                      command: command)
        context.print("table: \(written.joined(separator: ", ")) (\(table.records.count) of "
                      + "\(plan.experiments.count) experiments)")
        return completed ? 0 : 130
    }

    static func parseList(_ text: String, _ arguments: ParsedArguments) throws -> [Int] {
        let numbers = text.split(separator: ",").map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        guard !numbers.isEmpty, numbers.allSatisfy({ $0 != nil }) else {
            throw UsageError(command: arguments.command,
                             problem: "--only expects numbers like 2,5, got '\(text)'")
        }
        return numbers.compactMap { $0 }
    }
}

/// Renders ablation events: one line per experiment, training shown as `maskface train`
/// shows it.
final class AblationRenderer {
    private let context: CommandContext
    private let training: TrainingRenderer

    init(context: CommandContext) {
        self.context = context
        training = TrainingRenderer(context: context)
    }

    func render(_ event: AblationEvent) {
        switch event {
        case let .skipped(number, name):
            context.print("exp\(number) \(name): done already, skipped")
        case let .starting(number, name, resuming):
            context.print("exp\(number) \(name): \(resuming ? "resuming" : "training")")
        case .training(_, let event):
            training.render(event)
        case let .evaluating(number, split):
            context.print("exp\(number): evaluating best weights on \(split)")
        case let .finished(number, record):
            context.print("exp\(number) \(record.name): mAP@0.5:0.95 val "
                          + String(format: "%.3f, test %.3f", record.val.mapAt50To95,
                                   record.test.mapAt50To95))
        }
    }
}
