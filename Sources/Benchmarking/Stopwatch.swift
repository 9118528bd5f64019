#if canImport(Glibc)
import Glibc
#endif

/// Monotonic wall-clock time (`CLOCK_MONOTONIC`), in seconds, for timing benchmark blocks.
enum Stopwatch {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Seconds taken by `body`.
    @inline(__always)
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }
}
