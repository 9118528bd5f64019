#if canImport(Glibc)
import Glibc
#endif

/// Which time a benchmark divides by.
public enum BenchmarkClock: String, Codable, CaseIterable, Sendable {
    /// Elapsed time (`CLOCK_MONOTONIC`): what a user waits.
    case wall
    /// CPU time of the process (`CLOCK_PROCESS_CPUTIME_ID`): on a machine shared with other
    /// work it leaves out the time the process was not scheduled, so runs taken under
    /// different load compare better. For a single-threaded run it equals the wall time on
    /// an idle machine.
    case cpu
}

/// Reads a benchmark clock, in seconds.
enum Stopwatch {
    static func now(_ clock: BenchmarkClock) -> Double {
        var ts = timespec()
        clock_gettime(clock == .wall ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    /// Seconds taken by `body` on `clock`.
    @inline(__always)
    static func time(_ clock: BenchmarkClock, _ body: () throws -> Void) rethrows -> Double {
        let start = now(clock)
        try body()
        return now(clock) - start
    }
}
