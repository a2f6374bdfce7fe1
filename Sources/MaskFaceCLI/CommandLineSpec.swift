/// How one option of a command is spelled and what it takes.
public struct OptionSpec: Sendable {
    public enum Arity: Sendable, Equatable {
        /// `--cos-lr`: present or absent.
        case flag
        /// `--epochs 10` or `--epochs=10`.
        case value(name: String)
        /// `--resume` alone or `--resume RUN`: the value is taken only when the next word
        /// does not start with `-`.
        case optionalValue(name: String)
    }

    public let name: String
    public let arity: Arity
    public let help: String
    /// Shown in help; also what `ParsedArguments` returns when the option is absent.
    public let defaultValue: String?

    public init(_ name: String, _ arity: Arity = .flag, default defaultValue: String? = nil,
                help: String) {
        self.name = name
        self.arity = arity
        self.help = help
        self.defaultValue = defaultValue
    }

    /// A `--name VALUE` option.
    public static func value(
        _ name: String, _ valueName: String, default defaultValue: String? = nil, help: String
    ) -> OptionSpec {
        OptionSpec(name, .value(name: valueName), default: defaultValue, help: help)
    }

    /// A `--name` switch.
    public static func flag(_ name: String, help: String) -> OptionSpec {
        OptionSpec(name, .flag, help: help)
    }
}

/// A positional argument of a command.
public struct PositionalSpec: Sendable {
    public let name: String
    public let help: String
    /// `PHOTO...`: takes every remaining positional word.
    public let isVariadic: Bool
    public let isOptional: Bool

    public init(_ name: String, help: String, variadic: Bool = false, optional: Bool = false) {
        self.name = name
        self.help = help
        self.isVariadic = variadic
        self.isOptional = optional
    }
}

/// A leaf command: its words, options, positionals and what it runs.
public struct CommandSpec: Sendable {
    public let path: [String]
    public let summary: String
    public let discussion: String
    public let options: [OptionSpec]
    public let positionals: [PositionalSpec]
    public let run: @Sendable (ParsedArguments, CommandContext) throws -> Int32

    public init(
        _ path: [String], summary: String, discussion: String = "",
        options: [OptionSpec] = [], positionals: [PositionalSpec] = [],
        run: @escaping @Sendable (ParsedArguments, CommandContext) throws -> Int32
    ) {
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.options = options
        self.positionals = positionals
        self.run = run
    }

    /// `maskface model summary`, for help and errors.
    public var displayName: String { (["maskface"] + path).joined(separator: " ") }
}

/// A wrong command line: unknown option, missing value, missing argument. Exit status 2.
public struct UsageError: Error, CustomStringConvertible, Equatable {
    public let command: String
    public let problem: String

    public init(command: String, problem: String) {
        self.command = command
        self.problem = problem
    }

    public var description: String { "\(command): \(problem) (see '\(command) --help')" }
}
