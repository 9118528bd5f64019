import NicaCore
import CSndFile
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Audio files through libsndfile: reading every format it knows (WAV, FLAC, AIFF, OGG, …)
/// and writing WAV, FLAC and AIFF atomically.
public enum AudioFile {
    /// The linked libsndfile's version string (`libsndfile-1.2.0`), for reports and bug
    /// reports: which formats can be read depends on how that library was built.
    public static var libraryVersion: String { String(cString: sf_version_string()) }

    /// Frames per `sf_readf_float` / `sf_writef_*` call: big enough to amortise the calls,
    /// small enough that the one reused buffer stays in cache.
    static let chunkFrames = 16_384

    // MARK: Reading

    /// All channels of the audio file at `path` as Float32, with the file's sample rate and
    /// channels named `ch0`, `ch1`, ….
    ///
    /// Frames are read until the decoder reports the end instead of trusting the frame count
    /// in the header, which streamed WAVs leave wrong (0 or 0xFFFFFFFF); the header's count is
    /// only a capacity hint. A WAV `data` size that is too small (including 0), which
    /// libsndfile would believe, is corrected on the fly (`WAVLengthRepair`) so the frames
    /// after it are read too, while a size that runs past the end of the file (other than the
    /// streaming placeholders) means the file was cut short and is refused. Integer samples
    /// are scaled to [−1, 1) by libsndfile.
    /// - Throws: `NicaError.missingInput` (no such file, a directory), `.io` (unreadable),
    ///   `.badData` (not audio libsndfile can decode, a truncated WAV, a decoding error, or
    ///   no frames).
    public static func read(path: String) throws -> Signal {
        try readDescribed(path: path).signal
    }

    /// `read(path:)` plus libsndfile's names for the container and the sample encoding.
    static func readDescribed(path: String) throws -> (signal: Signal, format: String, encoding: String) {
        let reader = try AudioBlockReader(path: path)
        return (try reader.readSignal(), reader.format, reader.encoding)
    }

    /// Frames per read: at most about a million samples, however many channels the header claims.
    static func readSize(channels: Int) -> Int {
        max(1, min(chunkFrames, (1 << 20) / channels))
    }

    /// libsndfile's description of a major format or subtype code ("WAV (Microsoft)",
    /// "32 bit float").
    static func formatName(_ code: Int32) -> String? {
        var query = SF_FORMAT_INFO()
        query.format = code
        guard sf_command(nil, Int32(SFC_GET_FORMAT_INFO), &query, Int32(MemoryLayout<SF_FORMAT_INFO>.size)) == 0,
              let name = query.name else { return nil }
        return String(cString: name)
    }

    // MARK: Writing

    /// Writes `signal` to `path` in the container named by its extension (`.wav`, `.flac`,
    /// `.aiff`/`.aif`) with the given sample encoding, atomically (libsndfile writes a
    /// temporary file that is renamed over `path` when complete). The bytes depend only on
    /// the signal and the encoding (no time stamp), so outputs are reproducible.
    ///
    /// Audio headers store an integer rate of at least 1 Hz, so the rate is rounded and a rate
    /// below 1 Hz (latents at a slow window rate) is written as 1 Hz: the samples are intact,
    /// only the rate in the file differs. See `AudioEncoding` for how integers are scaled.
    /// - Throws: `NicaError.invalidArgument` (unknown extension, an encoding the container
    ///   cannot hold, no channels, a rate that is not positive and finite),
    ///   `.numerical` (a NaN or infinite sample), `.io` (libsndfile or the file system failed).
    public static func write(_ signal: Signal, to path: String, encoding: AudioEncoding = .float32) throws {
        try signal.samples.withUnsafeBufferPointer { samples in
            let frames = FrameTable(base: samples.baseAddress, frames: signal.frameCount,
                                    offsets: (0..<signal.channelCount).map { $0 * signal.frameCount }, frameStride: 1,
                                    names: signal.channelNames)
            try write(frames, sampleRate: signal.sampleRate, to: path, encoding: encoding)
        }
    }

    /// Writes the given `columns` of `matrix` as channels, one frame per row (for example
    /// chosen latent traces), exactly as `write(_:to:encoding:)` would write the signal made
    /// of them, without making that signal.
    public static func write(columns: [Int], of matrix: Matrix, sampleRate: Double, channelNames: [String],
                             to path: String, encoding: AudioEncoding = .float32) throws {
        precondition(channelNames.count == columns.count && columns.allSatisfy { $0 >= 0 && $0 < matrix.cols },
                     "AudioFile.write: columns and names do not match the matrix")
        try matrix.data.withUnsafeBufferPointer { values in
            let frames = FrameTable(base: values.baseAddress, frames: matrix.rows, offsets: columns,
                                    frameStride: matrix.cols, names: channelNames)
            try write(frames, sampleRate: sampleRate, to: path, encoding: encoding)
        }
    }

    /// Where the samples to write are: sample `t` of channel `c` at `base[offsets[c] + t · frameStride]`.
    private struct FrameTable {
        var base: UnsafePointer<Float>?
        var frames: Int
        var offsets: [Int]
        var frameStride: Int
        var names: [String]
        var channels: Int { offsets.count }
    }

    private static func write(_ table: FrameTable, sampleRate rate: Double, to path: String,
                              encoding: AudioEncoding) throws {
        let container = try AudioContainer(path: path)
        guard table.channels > 0 else {
            throw NicaError.invalidArgument(argument: path, message: "cannot write a signal without channels")
        }
        guard rate.isFinite, rate > 0, rate.rounded() <= Double(Int32.max) else {
            throw NicaError.invalidArgument(argument: path, message: "cannot write sample rate \(rate) Hz to an audio file")
        }
        var info = SF_INFO()
        info.samplerate = Int32(max(1, rate.rounded()))
        info.channels = Int32(table.channels)
        info.format = try container.format(encoding)
        guard sf_format_check(&info) != 0 else {
            throw NicaError.invalidArgument(
                argument: path,
                message: "libsndfile cannot write \(encoding.rawValue) \(container.rawValue) with \(table.channels) channels at \(info.samplerate) Hz")
        }
        try AtomicFile.write(to: path) { temporaryPath in
            guard let file = sf_open(temporaryPath, Int32(SFM_WRITE), &info) else {
                throw NicaError.io(path: path, message: "cannot write audio: \(String(cString: sf_strerror(nil)))")
            }
            var closed = false
            defer { if !closed { sf_close(file) } }
            // libsndfile's PEAK chunk for float data carries the wall-clock time of writing, so
            // two identical analyses would give different bytes; readers do not need it.
            sf_command(file, Int32(SFC_SET_ADD_PEAK_CHUNK), nil, Int32(SF_FALSE))
            switch encoding {
            case .float32:
                try writeFrames(table, file, path, zero: Float(0), convert: { $0 }, write: sf_writef_float)
            case .float64:
                try writeFrames(table, file, path, zero: Double(0), convert: { Double($0) }, write: sf_writef_double)
            case .pcm16:
                try writeFrames(table, file, path, zero: Int16(0),
                                convert: { Int16(quantise($0, bits: 16)) }, write: sf_writef_short)
            case .pcm24:
                // libsndfile's int interface keeps the top 24 bits of each 32-bit value.
                try writeFrames(table, file, path, zero: Int32(0),
                                convert: { Int32(quantise($0, bits: 24)) << 8 }, write: sf_writef_int)
            case .pcm32:
                try writeFrames(table, file, path, zero: Int32(0),
                                convert: { Int32(quantise($0, bits: 32)) }, write: sf_writef_int)
            }
            closed = true
            if sf_close(file) != 0 {
                throw NicaError.io(path: path, message: "cannot finish the audio file: \(String(cString: sf_strerror(nil)))")
            }
        }
    }

    /// `x · 2^(bits−1)` rounded and clipped to the signed `bits`-bit range: the exact inverse of
    /// libsndfile's read scaling (libsndfile's own float→int path scales by 2^(bits−1) − 1,
    /// which reads back 3·10⁻⁵ low at 16 bits).
    @inline(__always)
    static func quantise(_ x: Float, bits: Int) -> Int64 {
        let full = Double(Int64(1) << (bits - 1))
        let scaled = (Double(x) * full).rounded()
        return Int64(min(max(scaled, -full), full - 1))
    }

    /// Interleaves the table chunk by chunk into one reused buffer of `T` and hands each
    /// chunk to libsndfile; refuses non-finite samples, which no audio encoding should carry.
    private static func writeFrames<T>(
        _ table: FrameTable, _ file: OpaquePointer, _ path: String, zero: T, convert: (Float) -> T,
        write: (OpaquePointer?, UnsafePointer<T>?, sf_count_t) -> sf_count_t
    ) throws {
        let channels = table.channels
        let frames = table.frames, stride = table.frameStride
        guard frames > 0, let samples = table.base else { return }
        var chunk = [T](repeating: zero, count: chunkFrames * channels)
        var first = 0
        while first < frames {
            let count = min(chunkFrames, frames - first)
            try chunk.withUnsafeMutableBufferPointer { out in
                for c in 0..<channels {
                    let base = samples + table.offsets[c] + first * stride
                    for t in 0..<count {
                        let x = base[t * stride]
                        guard x.isFinite else {
                            throw NicaError.numerical(
                                message: "cannot write \(x) (channel \(table.names[c]), frame \(first + t)) to \(path)")
                        }
                        out[t * channels + c] = convert(x)
                    }
                }
            }
            let written = chunk.withUnsafeBufferPointer { write(file, $0.baseAddress, sf_count_t(count)) }
            guard written == sf_count_t(count) else {
                throw NicaError.io(path: path, message: "cannot write audio: \(String(cString: sf_strerror(file)))")
            }
            first += count
        }
    }
}
