/// A multichannel recording: `channelCount` channels of `frameCount` samples each, Float32,
/// stored channel-major (`samples[c * frameCount + t]`) so each channel is contiguous for
/// windowing and FFTs.
public struct Signal: Equatable, Sendable {
    /// Samples, channel-major: channel `c` occupies `c * frameCount ..< (c + 1) * frameCount`.
    public var samples: [Float]
    public var channelCount: Int
    public var frameCount: Int
    /// Samples per second (Hz).
    public var sampleRate: Double
    /// One name per channel (CSV header names, or `ch0`, `ch1`, … when there are none).
    public var channelNames: [String]

    public init(samples: [Float], channelCount: Int, frameCount: Int, sampleRate: Double,
                channelNames: [String]? = nil) {
        precondition(samples.count == channelCount * frameCount, "Signal: sample count mismatch")
        self.samples = samples
        self.channelCount = channelCount
        self.frameCount = frameCount
        self.sampleRate = sampleRate
        self.channelNames = channelNames ?? (0..<channelCount).map { "ch\($0)" }
    }

    /// Builds a signal from interleaved frames (`frames[t * channelCount + c]`), the layout
    /// of audio files and CSV rows.
    public init(interleaved: [Float], channelCount: Int, sampleRate: Double, channelNames: [String]? = nil) {
        let frames = channelCount == 0 ? 0 : interleaved.count / channelCount
        // Every element is written below, so the buffer is not zero-filled first (that pass
        // costs as much as the transpose on a long recording).
        let planar = [Float](unsafeUninitializedCapacity: frames * channelCount) { dst, initialized in
            interleaved.withUnsafeBufferPointer { src in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for t in 0..<frames {
                    for c in 0..<channelCount { d[c * frames + t] = s[t * channelCount + c] }
                }
            }
            initialized = frames * channelCount
        }
        self.init(samples: planar, channelCount: channelCount, frameCount: frames,
                  sampleRate: sampleRate, channelNames: channelNames)
    }

    /// The samples as interleaved frames (`[t * channelCount + c]`).
    public func interleaved() -> [Float] {
        var out = [Float](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for c in 0..<channelCount {
                    for t in 0..<frameCount { dst[t * channelCount + c] = src[c * frameCount + t] }
                }
            }
        }
        return out
    }

    /// The samples of one channel.
    public func channel(_ c: Int) -> ArraySlice<Float> {
        samples[(c * frameCount)..<((c + 1) * frameCount)]
    }

    /// Duration in seconds.
    public var duration: Double { sampleRate > 0 ? Double(frameCount) / sampleRate : 0 }
}
