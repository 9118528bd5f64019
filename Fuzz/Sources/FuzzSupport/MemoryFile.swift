#if canImport(Glibc)
import Glibc
#endif

/// An unlinked temporary file on a RAM file system (`/dev/shm` when present) that the
/// readers open by path (`/proc/self/fd/N`), so each fuzz input reaches the real
/// file-reading code without touching the disk or leaving files behind.
public final class MemoryFile {
    private let fd: Int32
    /// A path that opens this file.
    public let path: String

    public init() {
        let directory = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(directory)/nica-fuzz-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        precondition(fd >= 0, "cannot create a temporary file in \(directory)")
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        path = "/proc/self/fd/\(fd)"
    }

    /// Replaces the file's contents with `size` bytes at `data`.
    public func store(_ data: UnsafePointer<UInt8>, _ size: Int) {
        precondition(ftruncate(fd, 0) == 0, "ftruncate failed")
        var written = 0
        while written < size {
            let n = pwrite(fd, data + written, size - written, off_t(written))
            precondition(n > 0, "pwrite failed")
            written += n
        }
    }
}
