import NicaCore
import CSndFile
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An audio file opened through libsndfile and read front to back in blocks of frames,
/// de-interleaved into channel-major blocks, so a long recording can be processed without
/// holding it whole. It knows only about files and samples: what the blocks are for is the
/// caller's business.
///
/// Opening applies the same checks as `AudioFile.read`: a WAV whose `data` chunk runs past
/// the end of the file is refused, and one whose `data` size is too small is read to the end
/// (`WAVLengthRepair`). Integer samples are scaled to [−1, 1) by libsndfile.
public final class AudioBlockReader {
    /// The path named in errors.
    public let path: String
    /// Channels in the file.
    public let channelCount: Int
    /// The header's sample rate (Hz).
    public let sampleRate: Double
    /// libsndfile's names for the container ("WAV (Microsoft)") and the sample encoding
    /// ("Signed 16 bit PCM").
    public let format: String
    /// See `format`.
    public let encoding: String
    /// The number of frames the header declares, when it can be relied on for planning: nil
    /// when the header gives none (streamed WAVs leave 0 or 0xFFFFFFFF), when the `data`
    /// size was repaired, or when it claims more frames than the file could hold at one byte
    /// per sample (a corrupt header). Even then the file may end early or run on; the reader
    /// delivers what the decoder gives.
    public let declaredFrames: Int?
    /// The header's frame count, capped at what the file could hold, when it gives one (a
    /// capacity hint for reading the whole file; nil when unknown or repaired).
    let frameCountHint: Int?
    /// Frames delivered so far.
    public private(set) var framesRead = 0

    private let fd: Int32
    private let file: OpaquePointer
    /// libsndfile reads through it when the header had to be patched; kept alive with the handle.
    private let overlay: OverlaidFile?
    /// One reused buffer of interleaved frames, `chunkFrames · channelCount` floats.
    private let chunk: UnsafeMutablePointer<Float>
    private let chunkFrames: Int
    private var atEnd = false

    /// Opens `path`.
    /// - Throws: `NicaError.missingInput` (no such file, a directory), `.io` (unreadable),
    ///   `.badData` (not audio libsndfile can decode, a truncated WAV, no channels).
    public init(path: String) throws {
        self.path = path
        fd = try InputFile.openForReading(path)
        var info = SF_INFO()
        var status = stat()
        let fileLength = fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : 0
        if let (declared, present) = WAVLengthRepair.truncatedData(fd: fd, fileLength: fileLength) {
            close(fd)
            throw NicaError.badData(
                path: path, line: 0, column: 0,
                message: "truncated: the header declares \(declared) bytes of audio data, the file holds \(present) (an incomplete copy?)")
        }
        let opened: OpaquePointer?
        if let sizeField = WAVLengthRepair.understatedDataSizeOffset(fd: fd, fileLength: fileLength) {
            overlay = OverlaidFile(fd: fd, length: fileLength, patchOffset: sizeField, patch: [0xFF, 0xFF, 0xFF, 0xFF])
            opened = overlay!.open(&info)
        } else {
            overlay = nil
            opened = sf_open_fd(fd, Int32(SFM_READ), &info, Int32(SF_FALSE))
        }
        guard let file = opened else {
            close(fd)
            throw NicaError.badData(path: path, line: 0, column: 0,
                                    message: "not a readable audio file: \(String(cString: sf_strerror(nil)))")
        }
        let channels = Int(info.channels)
        guard channels > 0 else {
            sf_close(file)
            close(fd)
            throw NicaError.badData(path: path, line: 0, column: 0, message: "no audio channels")
        }
        self.file = file
        channelCount = channels
        sampleRate = Double(info.samplerate)
        format = AudioFile.formatName(info.format & Int32(SF_FORMAT_TYPEMASK)) ?? "audio"
        encoding = AudioFile.formatName(info.format & Int32(SF_FORMAT_SUBMASK)) ?? "unknown encoding"
        if overlay == nil && info.frames > 0 {
            // A corrupt header can claim any count (a 100-byte file may claim 2^24 frames of
            // 1024 channels): plan for no more than the file could hold at one byte per sample.
            let plausible = sf_count_t(max(fileLength, 1) / channels + 1)
            frameCountHint = Int(min(info.frames, plausible))
            declaredFrames = info.frames <= plausible ? Int(info.frames) : nil
        } else {
            frameCountHint = nil
            declaredFrames = nil
        }
        chunkFrames = AudioFile.readSize(channels: channels)
        chunk = .allocate(capacity: chunkFrames * channels)
    }

    deinit {
        // `overlay`, which libsndfile reads through, is released only after this body.
        sf_close(file)
        close(fd)
        chunk.deallocate()
    }

    /// Reads the next frames, at most `frames`, and writes channel `channels[j]` of frame `t`
    /// of the block to `destination[j·channelStride + t]` (all channels in file order when
    /// `channels` is nil). Returns the number of frames read: fewer than asked only at the
    /// end of the file, 0 after it.
    /// - Throws: `NicaError.badData` when libsndfile reports a decoding error.
    public func read(frames: Int, channels: [Int]? = nil, into destination: UnsafeMutablePointer<Float>,
                     channelStride: Int) throws -> Int {
        precondition(frames >= 0 && (frames == 0 || channelStride >= frames), "AudioBlockReader: bad block shape")
        var done = 0
        let m = channelCount
        while done < frames && !atEnd {
            let want = min(chunkFrames, frames - done)
            let got = Int(sf_readf_float(file, chunk, sf_count_t(want)))
            if got <= 0 {
                atEnd = true
                try checkDecoding()
                break
            }
            let src = chunk
            if let channels {
                for (j, c) in channels.enumerated() {
                    let out = destination + j * channelStride + done
                    for t in 0..<got { out[t] = src[t * m + c] }
                }
            } else {
                for c in 0..<m {
                    let out = destination + c * channelStride + done
                    for t in 0..<got { out[t] = src[t * m + c] }
                }
            }
            done += got
        }
        framesRead += done
        return done
    }

    /// Reads the rest of the file as interleaved frames (all channels), appended to `frames`.
    func readInterleaved(appendingTo frames: inout [Float]) throws {
        while !atEnd {
            let got = Int(sf_readf_float(file, chunk, sf_count_t(chunkFrames)))
            if got <= 0 {
                atEnd = true
                try checkDecoding()
                break
            }
            frames.append(contentsOf: UnsafeBufferPointer(start: chunk, count: got * channelCount))
            framesRead += got
        }
    }

    /// Reads every remaining frame into a `Signal` (all channels, named `ch0`, `ch1`, …).
    ///
    /// With a frame count in the header, the frames are de-interleaved straight from the
    /// reused chunk into the channel-major result, allocated once at that size. Why: a fresh
    /// multi-megabyte buffer costs a page fault per 4 KiB on first touch, which made an
    /// append-then-transpose read spend most of its time faulting in two copies of the
    /// recording. Frames beyond the header's count (a file that grew) are still read; without
    /// a count, frames are appended interleaved and transposed once at the end.
    /// - Throws: `NicaError.badData` on a decoding error or when there are no frames.
    func readSignal() throws -> Signal {
        let channels = channelCount, rate = sampleRate
        guard let expected = frameCountHint else {
            var interleaved: [Float] = []
            try readInterleaved(appendingTo: &interleaved)
            guard !interleaved.isEmpty else {
                throw NicaError.badData(path: path, line: 0, column: 0, message: "no audio frames")
            }
            return Signal(interleaved: interleaved, channelCount: channels, sampleRate: rate)
        }
        var frames = 0
        let samples = try [Float](unsafeUninitializedCapacity: expected * channels) { planar, initialized in
            let dst = planar.baseAddress!
            HugePages.advise(dst, byteCount: expected * channels * MemoryLayout<Float>.stride)
            frames = try read(frames: expected, into: dst, channelStride: expected)
            // Fewer frames than the header said: close the gaps between the channels.
            if frames < expected {
                for c in 1..<max(channels, 1) {
                    UnsafeMutableRawPointer(dst + c * frames)
                        .copyMemory(from: dst + c * expected, byteCount: frames * MemoryLayout<Float>.stride)
                }
            }
            initialized = frames * channels
        }
        var overflow: [Float] = []
        try readInterleaved(appendingTo: &overflow)
        guard frames > 0 else {
            throw NicaError.badData(path: path, line: 0, column: 0, message: "no audio frames")
        }
        var signal = Signal(samples: samples, channelCount: channels, frameCount: frames, sampleRate: rate)
        if !overflow.isEmpty {
            signal = Signal(interleaved: signal.interleaved() + overflow, channelCount: channels, sampleRate: rate)
        }
        return signal
    }

    private func checkDecoding() throws {
        if sf_error(file) != Int32(SF_ERR_NO_ERROR) {
            throw NicaError.badData(path: path, line: 0, column: 0,
                                    message: "cannot decode the audio: \(String(cString: sf_strerror(file)))")
        }
    }
}
