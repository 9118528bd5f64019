#if os(Linux)
import Glibc
#endif
import Linalg

/// Restarts nica once with `OPENBLAS_CORETYPE` set when the OpenBLAS it loaded fell back to a
/// pre-AVX kernel on a CPU that runs a faster one (see `BLASRuntime.betterCoreType`): the
/// variable is read only when the library loads. A value the user set is always kept.
enum BLASKernelRelaunch {
    static func relaunchIfNeeded() {
        #if os(Linux)
        guard getenv("OPENBLAS_CORETYPE") == nil, let core = BLASRuntime.betterCoreType else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached if the restart failed: carry on with the kernel OpenBLAS chose.
        unsetenv("OPENBLAS_CORETYPE")
        #endif
    }
}
