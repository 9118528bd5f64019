/// Idle `SpectrumPlan`s, keyed by `(window, batch)`, so repeated extractions of the same
/// shape reuse one plan instead of planning again. A caller checks a plan out, uses it
/// alone, and checks it back in; concurrent callers with the same shape each get their own.
final class SpectrumPlanPool: @unchecked Sendable {
    static let shared = SpectrumPlanPool()

    /// Idle plans kept per shape; more are released (concurrent extractions beyond this).
    static let maxIdlePerShape = 4

    private struct Key: Hashable { var window: Int; var batch: Int }
    private var idle: [Key: [SpectrumPlan]] = [:]
    private let lock = PthreadMutex()

    /// The largest batch used for `window`-sample transforms: about 64 Ki input samples
    /// (256 KiB in, ~256 KiB out — the buffers stay in L2), at most 256 windows.
    static func maxBatch(window: Int) -> Int { max(1, min(256, 65_536 / max(window, 1))) }

    /// The batch size for `transforms` transforms of `window` samples: the maximum batch,
    /// or for fewer transforms the next power of two, so short inputs neither waste a full
    /// batch nor create a new plan shape for every length.
    static func batchSize(window: Int, transforms: Int) -> Int {
        let cap = maxBatch(window: window)
        if transforms >= cap { return cap }
        var b = 1
        while b < transforms { b <<= 1 }
        return min(b, cap)
    }

    func checkOut(window: Int, batch: Int) -> SpectrumPlan {
        let key = Key(window: window, batch: batch)
        let reused: SpectrumPlan? = lock.withLock { idle[key]?.popLast() }
        return reused ?? SpectrumPlan(window: window, batch: batch)
    }

    /// Returns `plan` to the pool. Beyond `maxIdlePerShape` idle plans of its shape it is not
    /// kept, and is destroyed when the caller drops it — outside the pool lock, since
    /// destroying a plan takes the FFTW planner lock.
    func checkIn(_ plan: SpectrumPlan) {
        let key = Key(window: plan.window, batch: plan.batch)
        lock.withLock {
            if idle[key, default: []].count < Self.maxIdlePerShape {
                idle[key, default: []].append(plan)
            }
        }
    }
}
