import NicaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory a command writes its outputs to (`--out DIR`), made ready before any work
/// starts, so a typo or a read-only location fails in a second, not after a long analysis.
public enum OutputDirectory {
    /// Creates `path` and its missing parents (mode 0777 minus the umask, like `mkdir -p`) and
    /// checks that a file can be created in it, by creating and removing an empty temporary
    /// file (`access(2)` would answer for the real user id and ignore read-only mounts).
    /// - Parameter option: the option that named the directory, for the message.
    /// - Throws: `NicaError.io` naming the directory, the option and the system's reason:
    ///   a file in the way, a missing permission, a read-only file system.
    public static func prepare(_ path: String, option: String = "--out") throws {
        func failure(_ what: String, _ code: Int32) -> NicaError {
            .io(path: path, message: "\(what) (\(option) needs a writable directory): \(SystemError.message(code))")
        }
        guard !path.isEmpty else { throw NicaError.invalidArgument(argument: option, message: "expects a directory, got an empty path") }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + component
            if mkdir(prefix, 0o777) != 0 && errno != EEXIST {
                throw failure("cannot create \(prefix)", errno)
            }
        }
        var status = stat()
        guard stat(path, &status) == 0 else { throw failure("cannot inspect", errno) }
        guard (status.st_mode & S_IFMT) == S_IFDIR else {
            throw NicaError.io(path: path, message: "exists and is not a directory (\(option) needs a directory)")
        }
        var template = Array("\(path)/.nica-write-test-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure("cannot create files", errno) }
        close(fd)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }
}
