import COpenBLAS

/// The OpenBLAS runtime: thread count and build description.
public enum BLASRuntime {
    /// Sets the number of threads OpenBLAS uses for every later call. nica defaults to 1:
    /// its matrices are small enough that a second thread mostly adds synchronisation, and
    /// on a busy two-core machine it is slower than one.
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(max(1, count)))
    }

    /// The build configuration string, e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH … Haswell MAX_THREADS=64`.
    public static var configuration: String {
        guard let p = openblas_get_config() else { return "OpenBLAS" }
        return String(cString: p).trimmingSpaces()
    }

    /// The CPU kernel OpenBLAS selected at run time (e.g. `Haswell`).
    public static var coreName: String {
        guard let p = openblas_get_corename() else { return "unknown" }
        return String(cString: p)
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
