import Dispatch
import Foundation

/// Runs per-image work (decoding, hashing) on every core, in chunks, reporting progress
/// from the calling thread between chunks so callers need no thread-safe callback.
enum ParallelMap {
    /// `body(index)` for every index in `0..<count`, results in index order.
    /// - Throws: the error of the lowest failing index, after its chunk finished.
    static func map<Result: Sendable>(
        count: Int, chunkSize: Int = 32, progress: (Int, Int) -> Void = { _, _ in },
        _ body: @escaping @Sendable (Int) throws -> Result
    ) throws -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(count)
        var start = 0
        while start < count {
            let end = min(start + chunkSize, count)
            let slots = ResultSlots<Result>(count: end - start)
            let first = start
            DispatchQueue.concurrentPerform(iterations: end - start) { offset in
                slots.set(offset, Swift.Result { try body(first + offset) })
            }
            for outcome in slots.values() { results.append(try outcome.get()) }
            start = end
            progress(start, count)
        }
        return results
    }
}

/// Fixed slots filled from several threads under a lock.
private final class ResultSlots<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `slots` is only touched while `lock` is held.
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Result<Value, any Error>) {
        lock.withLock { slots[index] = value }
    }

    /// The filled slots in order; every slot is filled once `concurrentPerform` returned.
    func values() -> [Result<Value, any Error>] {
        lock.withLock { slots.compactMap { $0 } }
    }
}
