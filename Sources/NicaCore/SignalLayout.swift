/// What a recording is, without its samples: how many channels of how many frames, at what
/// rate, under which names. Enough for everything downstream of the features (reports,
/// observation times, saved models), so the samples themselves need not be kept.
public struct SignalLayout: Codable, Equatable, Sendable {
    /// Channels.
    public var channelCount: Int
    /// Frames (samples per channel).
    public var frameCount: Int
    /// Samples per second (Hz).
    public var sampleRate: Double
    /// One name per channel.
    public var channelNames: [String]

    /// A layout; channels are named `ch0`, `ch1`, … unless `channelNames` is given.
    public init(channelCount: Int, frameCount: Int, sampleRate: Double, channelNames: [String]? = nil) {
        self.channelCount = channelCount
        self.frameCount = frameCount
        self.sampleRate = sampleRate
        self.channelNames = channelNames ?? (0..<channelCount).map { "ch\($0)" }
    }

    /// Duration in seconds (0 without a positive rate).
    public var duration: Double { sampleRate > 0 ? Double(frameCount) / sampleRate : 0 }
}

extension Signal {
    /// The signal's layout (channels, frames, rate, names).
    public var layout: SignalLayout {
        SignalLayout(channelCount: channelCount, frameCount: frameCount, sampleRate: sampleRate, channelNames: channelNames)
    }
}
