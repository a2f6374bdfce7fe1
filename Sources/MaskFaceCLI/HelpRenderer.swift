/// Renders `--help` text for commands and command groups.
enum HelpRenderer {
    static func command(_ spec: CommandSpec) -> String {
        var lines = ["OVERVIEW: \(spec.summary)", ""]
        if !spec.discussion.isEmpty { lines += [spec.discussion, ""] }
        lines.append("USAGE: \(usage(spec))")

        if !spec.positionals.isEmpty {
            lines += ["", "ARGUMENTS:"]
            lines += spec.positionals.map { row($0.name + ($0.isVariadic ? "..." : ""), $0.help) }
        }
        lines += ["", "OPTIONS:"]
        lines += spec.options.map { option in
            var help = option.help
            if let value = option.defaultValue { help += " (default: \(value))" }
            return row(signature(option), help)
        }
        lines.append(row("-h, --help", "Show this help."))
        return lines.joined(separator: "\n") + "\n"
    }

    static func group(
        _ prefix: [String], children: [CommandSpec], summaries: [String: String]
    ) -> String {
        let name = (["maskface"] + prefix).joined(separator: " ")
        var lines: [String] = []
        if prefix.isEmpty {
            lines += ["OVERVIEW: face-mask detection (YOLOv5 on libtorch) and masked face "
                      + "recognition (dlib)", ""]
        } else if let summary = summaries[prefix.joined(separator: " ")] {
            lines += ["OVERVIEW: \(summary)", ""]
        }
        lines += ["USAGE: \(name) <subcommand>", "", "SUBCOMMANDS:"]

        var seen: Set<String> = []
        for child in children {
            let word = child.path[prefix.count]
            guard seen.insert(word).inserted else { continue }
            let isGroup = child.path.count > prefix.count + 1
            let key = (prefix + [word]).joined(separator: " ")
            let summary = isGroup ? (summaries[key] ?? "") : child.summary
            lines.append(row(word, summary))
        }
        lines += ["", "See '\(name) <subcommand> --help' for the options of each."]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func usage(_ spec: CommandSpec) -> String {
        var parts = [spec.displayName]
        if !spec.options.isEmpty { parts.append("[options]") }
        for positional in spec.positionals {
            let word = positional.name + (positional.isVariadic ? "..." : "")
            parts.append(positional.isOptional ? "[\(word)]" : word)
        }
        return parts.joined(separator: " ")
    }

    private static func signature(_ option: OptionSpec) -> String {
        switch option.arity {
        case .flag: return "--\(option.name)"
        case .value(let name): return "--\(option.name) <\(name)>"
        case .optionalValue(let name): return "--\(option.name) [<\(name)>]"
        }
    }

    /// Two columns: the name padded to 28 characters, then the help wrapped at 100.
    private static func row(_ name: String, _ help: String) -> String {
        let indent = String(repeating: " ", count: 28)
        let lines = wrap(help, width: 100 - indent.count)
        let first = name.count < 26
            ? "  " + name + String(repeating: " ", count: 26 - name.count)
            : "  " + name + "\n" + indent
        return first + lines.joined(separator: "\n" + indent)
    }

    private static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        return lines + [current]
    }
}
