/// Finds the command a command line names, renders help, and maps errors to exit codes.
///
/// Exit status: 0 success, 1 an error while running (one line on stderr), 2 a wrong
/// command line (one line on stderr naming the command and the problem).
public struct CommandTree: Sendable {
    public let commands: [CommandSpec]
    /// One-line descriptions of command groups such as `dataset` or `model`.
    public let groupSummaries: [String: String]

    public init(commands: [CommandSpec], groupSummaries: [String: String] = [:]) {
        self.commands = commands
        self.groupSummaries = groupSummaries
    }

    public func run(_ arguments: [String], context: CommandContext) -> Int32 {
        do {
            return try dispatch(arguments, context: context)
        } catch let error as UsageError {
            context.printError("error: \(error)")
            return 2
        } catch {
            context.printError("error: \(error)")
            return 1
        }
    }

    private func dispatch(_ arguments: [String], context: CommandContext) throws -> Int32 {
        let wantsHelp = arguments.contains("--help") || arguments.contains("-h")
        let words = arguments.filter { $0 != "--help" && $0 != "-h" }
        if words.first == "help" {
            return try dispatch(Array(words.dropFirst()) + ["--help"], context: context)
        }

        guard let (command, rest) = match(words) else {
            return try groupOrUnknown(words, wantsHelp: wantsHelp, context: context)
        }
        if wantsHelp {
            context.write(HelpRenderer.command(command))
            return 0
        }
        let parsed = try ArgumentParser.parse(rest, for: command)
        return try command.run(parsed, context)
    }

    /// The longest command path that prefixes `words`, and the words after it.
    private func match(_ words: [String]) -> (CommandSpec, [String])? {
        let candidates = commands.filter { words.starts(with: $0.path) }
        guard let best = candidates.max(by: { $0.path.count < $1.path.count }) else { return nil }
        return (best, Array(words.dropFirst(best.path.count)))
    }

    private func groupOrUnknown(
        _ words: [String], wantsHelp: Bool, context: CommandContext
    ) throws -> Int32 {
        let prefix = Array(words.prefix(while: { !$0.hasPrefix("-") }))
        let children = commands.filter { $0.path.starts(with: prefix) }
        if !children.isEmpty, prefix.count == words.count || wantsHelp {
            context.write(HelpRenderer.group(prefix, children: children,
                                             summaries: groupSummaries))
            return prefix.isEmpty || wantsHelp ? 0 : 2
        }
        let known = prefix.prefix(while: { word in
            commands.contains { $0.path.contains(word) }
        })
        let scope = (["maskface"] + known).joined(separator: " ")
        let offending = words.dropFirst(known.count).first ?? ""
        let problem = offending.hasPrefix("-")
            ? "unknown option \(offending)" : "unknown command '\(offending)'"
        throw UsageError(command: scope, problem: problem)
    }
}
