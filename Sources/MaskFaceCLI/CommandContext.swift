import Foundation

/// Where a command writes, and the environment it reads; tests substitute both.
public struct CommandContext: Sendable {
    /// Writes one chunk of text to standard output (the caller adds newlines).
    public let write: @Sendable (String) -> Void
    /// Writes one chunk of text to standard error.
    public let writeError: @Sendable (String) -> Void
    public let environment: [String: String]

    public init(write: @escaping @Sendable (String) -> Void,
                writeError: @escaping @Sendable (String) -> Void,
                environment: [String: String]) {
        self.write = write
        self.writeError = writeError
        self.environment = environment
    }

    /// The process's own standard output, standard error and environment.
    public static var standard: CommandContext {
        CommandContext(
            write: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
            writeError: { text in FileHandle.standardError.write(Data(text.utf8)) },
            environment: ProcessInfo.processInfo.environment)
    }

    public func print(_ line: String) {
        write(line + "\n")
    }

    public func printError(_ line: String) {
        writeError(line + "\n")
    }
}
