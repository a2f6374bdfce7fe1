import Foundation

/// The batches of one epoch, built by worker threads ahead of the consumer and handed
/// out in order.
///
/// Workers claim batch indices in order and never run more than `prefetch` batches ahead
/// of the one the consumer waits for, so memory stays bounded however slow the consumer
/// is. A failed batch is thrown by `next()` when its turn comes, and stops the workers.
/// Stopping early is safe: `cancel()` (or dropping the stream) lets every worker finish
/// its current batch and exit; `close()` also waits for that.
public final class BatchStream: @unchecked Sendable {
    // @unchecked: all mutable state lives in `Production`, which guards it with a lock.
    private let production: Production

    init(batchCount: Int, workers: Int, prefetch: Int,
         build: @escaping @Sendable (Int) throws -> DetectionBatch) {
        production = Production(batchCount: batchCount, prefetch: prefetch, build: build)
        for _ in 0..<max(workers, 1) {
            let production = production
            let thread = Thread { production.work() }
            thread.name = "maskface.loader"
            thread.start()
        }
    }

    deinit { production.cancel() }

    public var batchCount: Int { production.batchCount }

    /// The next batch in order, or nil at the end of the epoch (or after `cancel()`).
    /// - Throws: the error that stopped this batch (a missing or corrupt image names its
    ///   file); later calls return nil.
    public func next() throws -> DetectionBatch? {
        try production.next()
    }

    /// Stops the workers after their current batch; does not wait.
    /// (A batch in progress is not interrupted: decoding has no cancellation point, so
    /// stopping costs at most one batch of work per worker.)
    public func cancel() {
        production.cancel()
    }

    /// Stops the workers and waits until all of them have exited.
    public func close() {
        production.cancel()
        production.waitForWorkers()
    }
}

/// The shared state of a `BatchStream`: claimed and finished batches under one condition.
private final class Production: @unchecked Sendable {
    // @unchecked: every stored var is read and written with `condition` locked.
    let batchCount: Int
    private let prefetch: Int
    private let build: @Sendable (Int) throws -> DetectionBatch
    private let condition = NSCondition()
    private var nextToClaim = 0
    private var nextToHand = 0
    private var finished: [Int: Result<DetectionBatch, any Error>] = [:]
    /// Set by a failure or a cancel: no more batches are claimed.
    private var stopped = false
    /// Set by a cancel: the consumer gets nothing more.
    private var cancelled = false
    private var runningWorkers = 0

    init(batchCount: Int, prefetch: Int,
         build: @escaping @Sendable (Int) throws -> DetectionBatch) {
        self.batchCount = batchCount
        self.prefetch = max(prefetch, 1)
        self.build = build
    }

    /// A worker thread's loop: claim the next index while within the prefetch window.
    func work() {
        condition.withLock { runningWorkers += 1 }
        defer {
            condition.withLock {
                runningWorkers -= 1
                condition.broadcast()
            }
        }
        while let index = claim() {
            let result = Result { try build(index) }
            condition.withLock {
                if !cancelled { finished[index] = result }
                if case .failure = result { stopped = true }
                condition.broadcast()
            }
        }
    }

    private func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped, nextToClaim < batchCount, nextToClaim >= nextToHand + prefetch {
            condition.wait()
        }
        guard !stopped, nextToClaim < batchCount else { return nil }
        nextToClaim += 1
        return nextToClaim - 1
    }

    func next() throws -> DetectionBatch? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, nextToHand < batchCount, finished[nextToHand] == nil,
              !(stopped && runningWorkers == 0) {
            condition.wait()
        }
        guard !cancelled, nextToHand < batchCount,
              let result = finished.removeValue(forKey: nextToHand)
        else { return nil }
        nextToHand += 1
        condition.broadcast()
        switch result {
        case .success(let batch):
            return batch
        case .failure(let error):
            stopped = true
            nextToHand = batchCount
            finished.removeAll()
            throw error
        }
    }

    func cancel() {
        condition.withLock {
            stopped = true
            cancelled = true
            finished.removeAll()
            condition.broadcast()
        }
    }

    func waitForWorkers() {
        condition.lock()
        while runningWorkers > 0 { condition.wait() }
        condition.unlock()
    }
}
