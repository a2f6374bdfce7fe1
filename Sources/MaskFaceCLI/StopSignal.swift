import Foundation
import Synchronization

/// Set by the first Ctrl-C while a long command runs; the command polls it and stops
/// cleanly (training saves `last`). A second Ctrl-C ends the process at once.
let stopRequested = Atomic<Bool>(false)

enum StopSignal {
    /// Installs the Ctrl-C handler and returns the poll function for the library.
    static func install() -> @Sendable () -> Bool {
        stopRequested.store(false, ordering: .relaxed)
        signal(SIGINT) { _ in
            stopRequested.store(true, ordering: .relaxed)
            signal(SIGINT, SIG_DFL)
        }
        return { stopRequested.load(ordering: .relaxed) }
    }

    /// Restores Ctrl-C's default behaviour after the command.
    static func uninstall() {
        signal(SIGINT, SIG_DFL)
    }
}
