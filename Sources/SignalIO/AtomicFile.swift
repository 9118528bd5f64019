import NicaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file all at once: the new contents go to a temporary file in the same
/// directory (`.NAME.tmp-XXXXXX`, from `mkstemp`), which is then `rename(2)`d over the
/// target. A reader, a crash or a full disk therefore sees either the old file or the
/// complete new one, never a half-written target. On any failure the temporary file is
/// removed and the target is left as it was.
///
/// The new file gets the mode of the file it replaces, or `0666` minus the umask when it is
/// new (as `open(2)` would give it), not `mkstemp`'s private `0600`.
public enum AtomicFile {
    /// Atomically replaces `path` with `bytes` (an `[UInt8]`, `Data`, `String.UTF8View`, …).
    ///
    /// - Parameter sync: `fsync` before renaming, for files that must survive a power loss;
    ///   off by default because it is slow and the outputs can be regenerated.
    /// - Throws: `NicaError.io` with the operating system's reason.
    public static func write<Bytes: Collection>(_ bytes: Bytes, to path: String, sync: Bool = false) throws
    where Bytes.Element == UInt8 {
        try stream(to: path, sync: sync) { writer in
            if let done: Void = try bytes.withContiguousStorageIfAvailable({ try writer.append($0) }) {
                return done
            }
            try Array(bytes).withUnsafeBufferPointer { try writer.append($0) }
        }
    }

    /// Atomically replaces `path` with whatever `body` writes to the temporary path it is
    /// given (for libraries that open files by name, such as libsndfile). The temporary file
    /// exists, empty, when `body` runs; `body` may reopen and truncate it.
    ///
    /// An error thrown by `body` propagates unchanged after the temporary file is removed.
    public static func write(to path: String, sync: Bool = false,
                             _ body: (_ temporaryPath: String) throws -> Void) throws {
        try replace(path, sync: sync) { temporaryPath, _ in try body(temporaryPath) }
    }

    /// Atomically replaces `path` with what `body` writes through a buffered writer on the
    /// temporary file (the CSV writer's path: no second `open`, no whole-file buffer).
    public static func stream(to path: String, sync: Bool = false,
                       _ body: (BufferedFileWriter) throws -> Void) throws {
        try replace(path, sync: sync) { _, fd in
            let writer = BufferedFileWriter(fd: fd, path: path)
            try body(writer)
            try writer.flush()
        }
    }

    /// The one implementation: create, fill, (sync), set the mode, close, rename; undo on error.
    private static func replace(_ path: String, sync: Bool,
                                _ body: (_ temporaryPath: String, _ fd: Int32) throws -> Void) throws {
        let (directory, name) = FilePath.split(path)
        guard !name.isEmpty, name != ".", name != ".." else {
            throw NicaError.io(path: path, message: "not a file name")
        }
        var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 {
            throw NicaError.io(path: path, message: "cannot create a temporary file in \(directory): \(SystemError.message(errno))")
        }
        let temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var isOpen = true
        do {
            try body(temporaryPath, fd)
            if sync && fsync(fd) != 0 {
                throw NicaError.io(path: path, message: "cannot sync: \(SystemError.message(errno))")
            }
            if fchmod(fd, modeForNewFile(replacing: path)) != 0 {
                throw NicaError.io(path: path, message: "cannot set permissions: \(SystemError.message(errno))")
            }
            isOpen = false
            // close(2) can be where a delayed write error (NFS, quota) finally shows up.
            if close(fd) != 0 {
                throw NicaError.io(path: path, message: "write failed: \(SystemError.message(errno))")
            }
            if rename(temporaryPath, path) != 0 {
                throw NicaError.io(path: path, message: "cannot replace the file: \(SystemError.message(errno))")
            }
        } catch {
            if isOpen { close(fd) }
            unlink(temporaryPath)
            throw error
        }
    }

    /// The permission bits of the file being replaced, or `0666 & ~umask` for a new file.
    private static func modeForNewFile(replacing path: String) -> mode_t {
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG {
            return status.st_mode & 0o7777
        }
        return 0o666 & ~currentUmask()
    }

    /// The process umask, read from `/proc/self/status` because `umask(2)` can only be read by
    /// setting it, which would race with other threads creating files. Falls back to 022.
    private static func currentUmask() -> mode_t {
        let fallback: mode_t = 0o022
        let fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return fallback }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 4096)
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return fallback }
        let text = String(decoding: bytes[0..<n], as: UTF8.self)
        for line in text.split(separator: "\n") where line.hasPrefix("Umask:") {
            let digits = line.dropFirst("Umask:".count).trimmingPrefix { $0 == " " || $0 == "\t" }
            return mode_t(digits, radix: 8) ?? fallback
        }
        return fallback
    }
}
