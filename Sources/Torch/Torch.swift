import CTorch

/// Process-wide libtorch settings: random seed, threads, CUDA, gradient mode.
public enum Torch {
    /// Seeds libtorch's CPU (and CUDA) generators, so `rand`, `randn` and random
    /// initialisation repeat exactly.
    public static func manualSeed(_ seed: UInt64) throws {
        try torchCall("manual_seed") { ctorch_manual_seed(seed, $0) }
    }

    /// Sets libtorch's intra-op thread count. Debian's libtorch starts with one thread on
    /// the reference machine, so the toolkit sets this explicitly.
    public static func setThreadCount(_ count: Int) throws {
        try torchCall("set_num_threads") { ctorch_set_num_threads(Int32(clamping: count), $0) }
    }

    /// The current intra-op thread count.
    public static var threadCount: Int {
        get throws {
            var count: Int32 = 0
            try torchCall("get_num_threads") { ctorch_get_num_threads(&count, $0) }
            return Int(count)
        }
    }

    /// Whether the linked libtorch was built with CUDA and sees a device.
    public static var cudaIsAvailable: Bool {
        var available = false
        do {
            try torchCall("cuda_is_available") { ctorch_cuda_is_available(&available, $0) }
        } catch {
            return false
        }
        return available
    }

    /// Number of CUDA devices visible to libtorch (0 for a CPU-only build).
    public static var cudaDeviceCount: Int {
        var count: Int64 = 0
        do {
            try torchCall("cuda_device_count") { ctorch_cuda_device_count(&count, $0) }
        } catch {
            return 0
        }
        return Int(count)
    }

    /// Whether operations on the current thread are recorded for autograd.
    public static var isGradEnabled: Bool {
        get throws {
            var enabled = false
            try torchCall("is_grad_enabled") { ctorch_is_grad_enabled(&enabled, $0) }
            return enabled
        }
    }

    /// Runs `body` with gradient recording off on the current thread, then restores the
    /// previous setting, also when `body` throws. Use it for optimizer steps, EMA updates,
    /// evaluation and weight loading.
    ///
    /// libtorch keeps the flag per thread, so `body` is synchronous: work it hands to other
    /// threads records gradients as those threads' own flags say.
    @discardableResult
    public static func withNoGrad<Result>(_ body: () throws -> Result) rethrows -> Result {
        try withGradEnabled(false, body)
    }

    /// Runs `body` with gradient recording set to `enabled`, restoring the previous state.
    @discardableResult
    public static func withGradEnabled<Result>(_ enabled: Bool, _ body: () throws -> Result)
        rethrows -> Result
    {
        let previous = gradFlag()
        setGradFlag(enabled)
        defer { setGradFlag(previous) }
        return try body()
    }

    /// The gradient-mode calls cannot fail (they set a thread-local flag); trapping keeps
    /// `withNoGrad` rethrows-only.
    private static func gradFlag() -> Bool {
        var enabled = false
        let status = ctorch_is_grad_enabled(&enabled, nil)
        precondition(status == CTORCH_OK, "is_grad_enabled failed")
        return enabled
    }

    private static func setGradFlag(_ enabled: Bool) {
        let status = ctorch_set_grad_enabled(enabled, nil)
        precondition(status == CTORCH_OK, "set_grad_enabled failed")
    }
}
