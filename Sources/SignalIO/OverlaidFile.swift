import CSndFile
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only file as libsndfile's virtual I/O sees it, with a few bytes replaced, so a
/// wrong header field can be corrected without copying or modifying the file (see
/// `WAVLengthRepair`). Reads go to the descriptor with `pread`; the patch is laid over them.
final class OverlaidFile {
    private let fd: Int32
    private let length: Int
    private let patchOffset: Int
    private let patch: [UInt8]
    private var position = 0

    /// Presents the file open on `fd` (not owned) with `patch` at `patchOffset`.
    init(fd: Int32, length: Int, patchOffset: Int, patch: [UInt8]) {
        self.fd = fd
        self.length = length
        self.patchOffset = patchOffset
        self.patch = patch
    }

    /// Opens the overlaid file with libsndfile for reading. `self` must outlive the handle.
    func open(_ info: inout SF_INFO) -> OpaquePointer? {
        var io = SF_VIRTUAL_IO(
            get_filelen: { user in sf_count_t(OverlaidFile.from(user).length) },
            seek: { offset, whence, user in OverlaidFile.from(user).seek(Int(offset), whence) },
            read: { pointer, count, user in OverlaidFile.from(user).read(pointer, Int(count)) },
            write: { _, _, _ in 0 },
            tell: { user in sf_count_t(OverlaidFile.from(user).position) })
        return sf_open_virtual(&io, Int32(SFM_READ), &info, Unmanaged.passUnretained(self).toOpaque())
    }

    private static func from(_ user: UnsafeMutableRawPointer?) -> OverlaidFile {
        Unmanaged<OverlaidFile>.fromOpaque(user!).takeUnretainedValue()
    }

    private func seek(_ offset: Int, _ whence: Int32) -> sf_count_t {
        let base: Int
        switch whence {
        case SEEK_SET: base = 0
        case SEEK_CUR: base = position
        case SEEK_END: base = length
        default: return -1
        }
        guard base + offset >= 0 else { return -1 }
        position = base + offset
        return sf_count_t(position)
    }

    private func read(_ pointer: UnsafeMutableRawPointer?, _ count: Int) -> sf_count_t {
        guard let pointer, count > 0 else { return 0 }
        var got: Int
        repeat { got = pread(fd, pointer, count, off_t(position)) } while got < 0 && errno == EINTR
        guard got > 0 else { return got < 0 ? -1 : 0 }
        // Lay the patch over whatever part of it this read covers.
        let from = max(position, patchOffset)
        let to = min(position + got, patchOffset + patch.count)
        if from < to {
            for k in from..<to { pointer.storeBytes(of: patch[k - patchOffset], toByteOffset: k - position, as: UInt8.self) }
        }
        position += got
        return sf_count_t(got)
    }
}
