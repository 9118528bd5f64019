import NicaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opening an input file with the error classes the command line relies on: a path that does
/// not exist or names a directory is `missingInput` (exit 66, "you gave me the wrong path"),
/// while a file that exists but cannot be opened or read is `io` (exit 74).
enum InputFile {
    /// Opens `path` read-only and returns the descriptor; the caller closes it.
    ///
    /// Directories are refused here because `open(2)` accepts them with `O_RDONLY` and only the
    /// first `read(2)` would fail, with a less helpful message.
    static func openForReading(_ path: String) throws -> Int32 {
        var fd: Int32
        repeat { fd = open(path, O_RDONLY | O_CLOEXEC) } while fd < 0 && errno == EINTR
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                throw NicaError.missingInput(path: path, message: "no such file")
            }
            throw NicaError.io(path: path, message: "cannot open: \(SystemError.message(code))")
        }
        var status = stat()
        if fstat(fd, &status) != 0 {
            let code = errno
            close(fd)
            throw NicaError.io(path: path, message: "cannot inspect: \(SystemError.message(code))")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw NicaError.missingInput(path: path, message: "is a directory, not a file")
        }
        return fd
    }

    /// The size in bytes of the regular file open as `fd`, or 0 for pipes, devices and errors
    /// (a capacity hint only).
    static func regularFileSize(_ fd: Int32) -> Int {
        var status = stat()
        guard fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return 0 }
        return Int(status.st_size)
    }
}
