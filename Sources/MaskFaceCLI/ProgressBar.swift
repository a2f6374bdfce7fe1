import Foundation

/// Renders a long task's progress on standard error.
///
/// On a terminal it redraws one line in place (`\r`), at most ten times a second:
/// `import   42% [========>            ] 358/853  61.2/s`. Elsewhere (a log file, CI) it
/// prints a plain line at every quarter, so logs stay short. `finish()` ends the line.
final class ProgressBar {
    private let label: String
    private let context: CommandContext
    private let interactive: Bool
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var lastQuarter = -1
    private var drewInPlace = false
    private static let width = 24

    init(_ label: String, context: CommandContext,
         interactive: Bool = isatty(STDERR_FILENO) != 0) {
        self.label = label
        self.context = context
        self.interactive = interactive
    }

    /// Reports `done` of `total` units; cheap to call for every unit.
    func update(_ done: Int, of total: Int) {
        update(done, of: total, detail: "")
    }

    /// Reports progress with a `detail` after the bar (running losses, sizes).
    func update(_ done: Int, of total: Int, detail: String) {
        guard total > 0 else { return }
        let fraction = min(max(Double(done) / Double(total), 0), 1)
        if interactive {
            let now = Date()
            guard done >= total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            context.writeError("\r" + line(done, total, fraction) + detail + "\u{1B}[K")
            drewInPlace = true
        } else {
            let quarter = Int(fraction * 4)
            guard quarter > lastQuarter else { return }
            lastQuarter = quarter
            context.printError(line(done, total, fraction) + detail)
        }
    }

    /// Ends the in-place line so that the next output starts on a fresh one.
    func finish() {
        if drewInPlace { context.writeError("\n") }
        drewInPlace = false
    }

    private func line(_ done: Int, _ total: Int, _ fraction: Double) -> String {
        let filled = Int(fraction * Double(Self.width))
        let bar = String(repeating: "=", count: filled)
            + (filled < Self.width ? ">" + String(repeating: " ", count: Self.width - filled - 1)
               : "")
        let elapsed = Date().timeIntervalSince(started)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let percent = String(format: "%3d%%", Int(fraction * 100))
        return "\(label) \(percent) [\(bar)] \(done)/\(total) " + String(format: "%.1f/s", rate)
    }
}
