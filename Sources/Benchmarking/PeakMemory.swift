#if canImport(Glibc)
import Glibc
#endif

/// The process's peak resident set size so far (`getrusage` `ru_maxrss`, which Linux reports
/// in KiB), in bytes.
public enum PeakMemory {
    public static var residentBytes: Int {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss) * 1024
    }
}
