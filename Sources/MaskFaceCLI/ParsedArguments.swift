/// What the user gave a command, with typed accessors that raise `UsageError`s.
public struct ParsedArguments: Sendable {
    public let command: String
    var values: [String: String]
    var flags: Set<String>
    public let positionals: [String: [String]]
    let defaults: [String: String]

    /// True when a `.flag` option, or an `.optionalValue` option without value, was given.
    public func flag(_ name: String) -> Bool {
        flags.contains(name) || values[name] != nil
    }

    /// The option's value, its default, or nil.
    public func string(_ name: String) -> String? {
        values[name] ?? defaults[name]
    }

    /// The option's value as an integer; a value that is not one is a usage error.
    public func int(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text) else {
            let problem = "--\(name) expects an integer, got '\(text)'"
            throw UsageError(command: command, problem: problem)
        }
        return value
    }

    /// The option's value as a number; a value that is not one is a usage error.
    public func double(_ name: String) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text) else {
            let problem = "--\(name) expects a number, got '\(text)'"
            throw UsageError(command: command, problem: problem)
        }
        return value
    }

    /// The option's value, which must be one of `choices`.
    public func choice(_ name: String, from choices: [String]) throws -> String? {
        guard let text = string(name) else { return nil }
        guard choices.contains(text) else {
            let allowed = choices.joined(separator: "|")
            throw UsageError(command: command,
                             problem: "--\(name) expects one of \(allowed), got '\(text)'")
        }
        return text
    }

    /// The first word given for a positional argument.
    public func positional(_ name: String) -> String? {
        positionals[name]?.first
    }

    /// Every word given for a variadic positional argument.
    public func positionalList(_ name: String) -> [String] {
        positionals[name] ?? []
    }
}
