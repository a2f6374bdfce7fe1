/// Splits a command's words into options and positionals against its `CommandSpec`.
///
/// Accepts `--name value`, `--name=value` and `--flag`; `--` ends the options. Anything
/// not declared is a `UsageError`, so a typo never silently falls back to a default.
enum ArgumentParser {
    static func parse(_ words: [String], for spec: CommandSpec) throws -> ParsedArguments {
        var values: [String: String] = [:]
        var flags: Set<String> = []
        var loose: [String] = []
        var index = 0
        let fail = { (problem: String) in UsageError(command: spec.displayName, problem: problem) }

        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                loose.append(contentsOf: words[index...])
                break
            }
            guard word.hasPrefix("-"), word.count > 1, Double(word) == nil else {
                loose.append(word)
                continue
            }
            let (name, inlineValue) = split(option: word)
            guard let option = spec.options.first(where: { $0.name == name }) else {
                throw fail("unknown option \(word)")
            }
            // The inline value, else the next word unless it is an option (then consumed).
            func takeValue() -> String? {
                if let inlineValue { return inlineValue }
                guard index < words.count, !isOption(words[index]) else { return nil }
                index += 1
                return words[index - 1]
            }
            switch option.arity {
            case .flag:
                if inlineValue != nil { throw fail("--\(name) takes no value") }
                flags.insert(name)
            case .value(let valueName):
                guard let value = takeValue() else {
                    throw fail("--\(name) needs a value (\(valueName))")
                }
                values[name] = value
            case .optionalValue:
                if let value = takeValue() {
                    values[name] = value
                } else {
                    flags.insert(name)
                }
            }
        }

        let positionals = try assign(loose, to: spec.positionals, fail: fail)
        var defaults: [String: String] = [:]
        for option in spec.options { defaults[option.name] = option.defaultValue }
        return ParsedArguments(command: spec.displayName, values: values, flags: flags,
                               positionals: positionals, defaults: defaults)
    }

    /// `--epochs=10` → ("epochs", "10"); `--epochs` → ("epochs", nil).
    private static func split(option word: String) -> (String, String?) {
        let body = word.drop(while: { $0 == "-" })
        guard let equals = body.firstIndex(of: "=") else { return (String(body), nil) }
        return (String(body[..<equals]), String(body[body.index(after: equals)...]))
    }

    /// A word that starts an option, as opposed to a value such as `-1` or `-`.
    private static func isOption(_ word: String) -> Bool {
        word.hasPrefix("-") && word.count > 1 && Double(word) == nil
    }

    private static func assign(
        _ words: [String], to specs: [PositionalSpec], fail: (String) -> UsageError
    ) throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        var remaining = words[...]
        for spec in specs {
            if spec.isVariadic {
                if remaining.isEmpty, !spec.isOptional { throw fail("missing \(spec.name)...") }
                result[spec.name] = Array(remaining)
                remaining = []
            } else if let word = remaining.first {
                result[spec.name] = [word]
                remaining = remaining.dropFirst()
            } else if !spec.isOptional {
                throw fail("missing argument \(spec.name)")
            }
        }
        if let extra = remaining.first { throw fail("unexpected argument '\(extra)'") }
        return result
    }
}
