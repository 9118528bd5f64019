import Foundation
import NicaCore
import SignalIO

/// What `nica info` prints about a recording: its layout, how it was read, per-channel
/// statistics, and the versions of nica and its libraries.
public struct InputSummary: Codable, Equatable, Sendable {
    public struct Channel: Codable, Equatable, Sendable {
        public var name: String
        public var min: Double
        public var max: Double
        public var mean: Double
        /// Root mean square √(Σx²/N), in the file's units (full scale = 1 for audio).
        public var rms: Double
    }

    public var path: String
    public var format: String
    public var encoding: String?
    public var channels: Int
    public var frames: Int
    public var sampleRate: Double
    /// How the sample rate was obtained (`time-column`, `file-header`, `option`, `default`).
    public var rateSource: String
    public var durationSeconds: Double
    public var channelStatistics: [Channel]
    public var versions: [String: String]

    enum CodingKeys: String, CodingKey {
        case path, format, encoding, channels, frames, versions
        case sampleRate = "sample_rate"
        case rateSource = "rate_source"
        case durationSeconds = "duration_s"
        case channelStatistics = "channel_statistics"
    }

    public init(signal: Signal, source: SignalSourceInfo, versions: [String: String]) {
        let statistics = (0..<signal.channelCount).map { c in
            Self.statistics(signal.channel(c), name: signal.channelNames[c])
        }
        self.init(layout: signal.layout, source: source, channelStatistics: statistics, versions: versions)
    }

    /// The summary of a recording that was streamed: its layout, and the per-channel figures
    /// gathered on the way (`InputTap.channelStatistics`).
    public init(layout: SignalLayout, source: SignalSourceInfo, channelStatistics: [Channel], versions: [String: String]) {
        path = source.path
        format = source.format
        encoding = source.encoding
        channels = layout.channelCount
        frames = layout.frameCount
        sampleRate = layout.sampleRate
        rateSource = source.rateSource.rawValue
        durationSeconds = layout.duration
        self.channelStatistics = channelStatistics
        self.versions = versions
    }

    /// Min, max, mean and RMS of one channel, accumulated in Float64.
    static func statistics(_ values: ArraySlice<Float>, name: String) -> Channel {
        var accumulator = ChannelStatisticsAccumulator()
        values.withUnsafeBufferPointer { v in
            if let base = v.baseAddress { accumulator.add(base, count: v.count, stride: 1) }
        }
        return accumulator.channel(name: name)
    }

    /// The text `nica info` prints.
    public func text() -> String {
        var out: [String] = []
        out.append("\(path): \(format)" + (encoding.map { ", \($0)" } ?? ""))
        out.append("channels:    \(channels)")
        out.append("frames:      \(frames)")
        out.append("sample rate: \(String(format: "%.6g", sampleRate)) Hz (\(rateSource))")
        out.append("duration:    \(String(format: "%.6g", durationSeconds)) s")
        out.append("")
        let width = Swift.max(7, (channelStatistics.map { $0.name.count }.max() ?? 0) + 2)
        out.append("channel".padding(toLength: width, withPad: " ", startingAt: 0)
                   + "         min          max         mean          RMS")
        for c in channelStatistics {
            out.append(c.name.padding(toLength: width, withPad: " ", startingAt: 0)
                       + String(format: " %12.6g %12.6g %12.6g %12.6g", c.min, c.max, c.mean, c.rms))
        }
        out.append("")
        out.append("versions:")
        for (name, version) in versions.sorted(by: { $0.key < $1.key }) { out.append("  \(name): \(version)") }
        return out.joined(separator: "\n") + "\n"
    }
}
