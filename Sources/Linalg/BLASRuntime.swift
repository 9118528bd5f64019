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

    /// The `OPENBLAS_CORETYPE` that would run this CPU faster than the kernel OpenBLAS picked
    /// itself, or nil when its own choice stands. A DYNAMIC_ARCH OpenBLAS older than the CPU
    /// model (Debian 12's 0.3.21 on Intel Emerald Rapids, say) falls back to its SSE3
    /// `Prescott` kernel, 3–5× slower at sgemm than the AVX-512 one the CPU supports.
    /// OpenBLAS reads the variable once, when it is loaded, so a program has to set it and
    /// restart itself; the `nica` executable does so when the variable is unset.
    public static var betterCoreType: String? {
        preferredCoreType(selected: coreName, features: CPUVectorFeatures.current)
    }

    /// The kernel choice behind `betterCoreType`, for any selected kernel and CPU: a kernel
    /// is named only when OpenBLAS fell back to a pre-AVX one on a CPU with AVX2 and FMA.
    public static func preferredCoreType(selected: String, features: CPUVectorFeatures) -> String? {
        let fallbackKernels: Set<String> = ["prescott", "core2", "penryn", "dunnington", "nehalem",
                                            "katmai", "coppermine", "northwood", "banias", "atom"]
        guard fallbackKernels.contains(selected.lowercased()) else { return nil }
        if features.contains(.avx512BF16) && features.contains(.avx512) { return "Cooperlake" }
        if features.contains(.avx512) { return "SkylakeX" }
        if features.contains(.avx2FMA) { return "Haswell" }
        return nil
    }
}

/// The x86-64 vector extensions that both the CPU and the operating system support.
public struct CPUVectorFeatures: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let avx2FMA = CPUVectorFeatures(rawValue: 1)
    /// AVX-512 F, CD, BW, DQ and VL: what OpenBLAS's SkylakeX kernels use.
    public static let avx512 = CPUVectorFeatures(rawValue: 2)
    public static let avx512BF16 = CPUVectorFeatures(rawValue: 4)

    /// This machine's features (empty on other architectures).
    public static var current: CPUVectorFeatures { CPUVectorFeatures(rawValue: nica_x86_vector_features()) }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
