#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Spots WAV files whose `data` chunk claims fewer bytes than it really has, so the reader
/// can read to the end of the file as streamed recordings require.
///
/// A writer that streams (to a pipe, or that crashed before finishing) cannot go back to fix
/// the sizes in the header, and leaves 0, 0xFFFFFFFF or a stale value there. libsndfile
/// 1.2 already reads to the end of the file for sizes that run past it (0xFFFFFFFF,
/// 0x7FFFF000), but believes a size that is too small, including 0, and silently drops the
/// rest. This check finds that case; the fix is to show libsndfile 0xFFFFFFFF instead.
///
/// A declared end followed by something shaped like a chunk header (four printable ASCII
/// bytes and a size that fits in the file, e.g. a trailing `LIST` chunk) is a correct header
/// and is left alone.
enum WAVLengthRepair {
    /// The file offset of the `data` chunk's size field if it understates the data, else `nil`
    /// (not RIFF/WAVE, no `data` chunk, or a size that is plausible).
    static func understatedDataSizeOffset(fd: Int32, fileLength: Int) -> Int? {
        guard let (offset, size) = dataChunk(fd: fd, fileLength: fileLength) else { return nil }
        let dataStart = offset + 8
        guard size != 0xFFFF_FFFF, dataStart + size < fileLength else { return nil }
        let declaredEnd = dataStart + size + (size & 1)
        // Fewer than 8 trailing bytes: padding or junk, not audio worth a repair.
        guard fileLength - declaredEnd >= 8 else { return nil }
        if let (nextID, nextSize) = chunkHeader(fd, at: declaredEnd, fileLength: fileLength),
           nextID.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }),
           declaredEnd + 8 + nextSize <= fileLength + 1 {
            return nil
        }
        return offset + 4
    }

    /// Sizes from this value up are placeholders of writers that stream and never come back
    /// to fix the header (0xFFFFFFFF; sox's 0x7FFFF000), not claims about the data.
    static let placeholderDataSize = 0x7FFF_F000

    /// The declared and present bytes of audio data when a WAV's `data` chunk claims more
    /// bytes than the file holds (a file cut short: an incomplete copy or download, a
    /// recorder that died after writing its header), else `nil`. libsndfile silently reads
    /// what is there, which would analyse part of a recording as if it were all of it.
    static func truncatedData(fd: Int32, fileLength: Int) -> (declared: Int, present: Int)? {
        guard let (offset, size) = dataChunk(fd: fd, fileLength: fileLength),
              size < placeholderDataSize, offset + 8 + size > fileLength else { return nil }
        return (size, fileLength - offset - 8)
    }

    /// The offset of the `data` chunk's header and its declared size, if the file is
    /// RIFF/WAVE and the chunk's header is inside the file.
    private static func dataChunk(fd: Int32, fileLength: Int) -> (offset: Int, size: Int)? {
        guard fileLength >= 12, let riff = readBytes(fd, at: 0, count: 12),
              riff[0..<4].elementsEqual("RIFF".utf8), riff[8..<12].elementsEqual("WAVE".utf8) else { return nil }
        var offset = 12
        // Bounded: a corrupt file must not keep us walking forever.
        for _ in 0..<4096 {
            guard let (id, size) = chunkHeader(fd, at: offset, fileLength: fileLength) else { return nil }
            if id.elementsEqual("data".utf8) { return (offset, size) }
            offset += 8 + size + (size & 1)
        }
        return nil
    }

    /// The 4-byte id and little-endian size of the chunk header at `offset`, if it is in the file.
    private static func chunkHeader(_ fd: Int32, at offset: Int, fileLength: Int) -> ([UInt8], Int)? {
        guard offset + 8 <= fileLength, let header = readBytes(fd, at: offset, count: 8) else { return nil }
        let size = Int(header[4]) | Int(header[5]) << 8 | Int(header[6]) << 16 | Int(header[7]) << 24
        return (Array(header[0..<4]), size)
    }

    private static func readBytes(_ fd: Int32, at offset: Int, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return got == count ? bytes : nil
    }
}
