import NicaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects small pieces of output in a 1 MiB buffer and hands them to `write(2)` in large
/// blocks, so writing a table of millions of numbers costs a few hundred system calls and
/// never needs the whole file in memory. Does not own the descriptor.
public final class BufferedFileWriter {
    private static let capacity = 1 << 20
    private let fd: Int32
    /// The path reported in errors (the final target, not the temporary file).
    private let path: String
    private let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: BufferedFileWriter.capacity)
    private var count = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { buffer.deallocate() }

    /// Appends one byte.
    @inline(__always)
    public func append(byte: UInt8) throws {
        if count == Self.capacity { try flush() }
        buffer[count] = byte
        count += 1
    }

    /// Appends raw bytes.
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        guard let base = bytes.baseAddress else { return }
        if count + bytes.count > Self.capacity { try flush() }
        if bytes.count > Self.capacity {
            try writeAll(base, bytes.count)
            return
        }
        (buffer + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Appends the UTF-8 bytes of `text` (`withUTF8` gives contiguous bytes without copying
    /// for native strings).
    public func append(_ text: String) throws {
        var text = text
        try text.withUTF8 { try append($0) }
    }

    /// Writes out everything buffered.
    public func flush() throws {
        try writeAll(buffer, count)
        count = 0
    }

    private func writeAll(_ base: UnsafePointer<UInt8>, _ total: Int) throws {
        var done = 0
        while done < total {
            let n = write(fd, base + done, total - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw NicaError.io(path: path, message: "write failed: \(SystemError.message(errno))")
            }
            done += n
        }
    }
}
