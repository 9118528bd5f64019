#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to back a large, freshly allocated buffer with transparent huge pages
/// (`madvise(MADV_HUGEPAGE)`, Linux): first touch then faults once per 2 MiB instead of once
/// per 4 KiB, which is most of the cost of filling a new buffer of hundreds of megabytes.
/// Only whole 2 MiB-aligned stretches inside the buffer are advised; a kernel without
/// huge pages ignores the advice, and the contents are never affected.
public enum HugePages {
    public static let size = 2 << 20

    public static func advise(_ start: UnsafeMutableRawPointer, byteCount: Int) {
        #if os(Linux)
        let begin = (Int(bitPattern: start) + size - 1) / size * size
        let end = (Int(bitPattern: start) + byteCount) / size * size
        guard end > begin, let p = UnsafeMutableRawPointer(bitPattern: begin) else { return }
        _ = madvise(p, end - begin, MADV_HUGEPAGE)
        #endif
    }
}
