import Foundation

/// A running reference process (see `ReferenceScript`) that times forwards on request.
final class ReferenceProcess {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let process = Process()
    private let requests = Pipe()
    private let replies = Pipe()
    private var buffer = Data()
    /// The torch version the reference reported when it started.
    private(set) var torchVersion = ""

    /// Starts `python` on the script; the package must be importable by it
    /// (`/work/shared/tools/reference-env` sets up such a Python).
    init(python: String) throws {
        let script = FileManager.default.temporaryDirectory
            .appendingPathComponent("maskface-reference-\(getpid()).py")
        try ReferenceScript.source.write(to: script, atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [script.path]
        var environment = ProcessInfo.processInfo.environment
        environment["HF_HUB_OFFLINE"] = "1"
        environment["PYTHONWARNINGS"] = "ignore"
        process.environment = environment
        process.standardInput = requests
        process.standardOutput = replies
        process.standardError = FileHandle.nullDevice
        try process.run()
        let greeting = try readReply()
        torchVersion = greeting["ready"] as? String ?? "?"
    }

    deinit {
        try? requests.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    /// Per-call times of `timed` forwards after `warmup` untimed ones.
    func time(model: String, size: Int, threads: Int, warmup: Int, timed: Int) throws
        -> Timings
    {
        let request = "\(model) \(size) \(threads) \(warmup) \(timed)\n"
        try requests.fileHandleForWriting.write(contentsOf: Data(request.utf8))
        let reply = try readReply()
        guard let wall = reply["times_ms"] as? [Double], let cpu = reply["cpu_ms"] as? [Double]
        else {
            throw Failure(description: "reference: \(reply["error"] ?? reply)")
        }
        return Timings(wall: wall, cpu: cpu)
    }

    /// One JSON object per line.
    private func readReply() throws -> [String: Any] {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                if let object = try? JSONSerialization.jsonObject(with: Data(line)),
                   let reply = object as? [String: Any] {
                    return reply
                }
                continue
            }
            let chunk = replies.fileHandleForReading.availableData
            guard !chunk.isEmpty else {
                throw Failure(description: "reference process ended without an answer "
                              + "(is the yolov5 package installed for this Python?)")
            }
            buffer.append(chunk)
        }
    }
}
