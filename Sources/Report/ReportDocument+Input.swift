import NicaCore
import SignalIO

extension ReportDocument.Input {
    /// Describes the analysed input from what the reader found.
    public init(path: String, source: SignalSourceInfo, signal: Signal) {
        self.init(path: path, format: source.format, channels: signal.channelCount, channelNames: signal.channelNames,
                  frames: signal.frameCount, sampleRate: signal.sampleRate, durationSeconds: signal.duration)
    }

    /// Describes an input that was streamed, from its layout.
    public init(path: String, source: SignalSourceInfo, layout: SignalLayout) {
        self.init(path: path, format: source.format, channels: layout.channelCount, channelNames: layout.channelNames,
                  frames: layout.frameCount, sampleRate: layout.sampleRate, durationSeconds: layout.duration)
    }
}
