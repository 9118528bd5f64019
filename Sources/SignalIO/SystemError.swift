#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text for `errno` values, so every I/O error message names the operating system's reason
/// ("Permission denied", "No space left on device") rather than a bare number.
enum SystemError {
    /// `strerror(code)` as a Swift string.
    static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
