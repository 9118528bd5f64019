#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain pthread mutex (no Foundation, available on every deployment target).
final class PthreadMutex: @unchecked Sendable {
    private let handle: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        handle = .allocate(capacity: 1)
        handle.initialize(to: pthread_mutex_t())
        pthread_mutex_init(handle, nil)
    }

    deinit {
        pthread_mutex_destroy(handle)
        handle.deinitialize(count: 1)
        handle.deallocate()
    }

    @inline(__always)
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(handle)
        defer { pthread_mutex_unlock(handle) }
        return try body()
    }
}

/// Serialises every FFTW call other than `fftwf_execute`. FFTW's planner keeps global
/// state (wisdom, twiddle tables) and is not thread-safe; only executing an existing plan
/// is. Plan creation, plan destruction, `fftwf_malloc` and `fftwf_free` all go through
/// this one process-wide lock.
let fftwPlannerLock = PthreadMutex()
