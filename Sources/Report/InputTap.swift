import NicaCore

/// A `SignalBlockSource` that passes another source's frames on unchanged and gathers from
/// them, on the way, what the report needs of the input once the samples are gone: each
/// channel's min/max envelope (`overview`, for `latents.svg`) and, when asked, each
/// channel's min, max, mean and RMS (`channelStatistics`, for `nica info`). The figures are
/// the ones `SignalOverview(signal:)` and `InputSummary(signal:…)` compute from the whole
/// recording, to the bit.
public final class InputTap: SignalBlockSource {
    /// The source whose frames are passed on.
    public let source: SignalBlockSource
    private let buckets: Int
    private let wantsOverview: Bool
    private let wantsStatistics: Bool
    private var envelopes: [EnvelopeBuilder] = []
    private var statistics: [ChannelStatisticsAccumulator] = []

    /// - Parameters:
    ///   - overview: gather the envelopes (`buckets` per channel).
    ///   - statistics: gather min, max, mean and RMS per channel.
    public init(_ source: SignalBlockSource, overview: Bool = true, buckets: Int = SignalOverview.defaultBuckets,
                statistics: Bool = false) {
        self.source = source
        self.buckets = buckets
        wantsOverview = overview
        wantsStatistics = statistics
        reset()
    }

    private func reset() {
        let layout = source.layout
        envelopes = wantsOverview
            ? (0..<layout.channelCount).map { _ in EnvelopeBuilder(frames: layout.frameCount, buckets: buckets) } : []
        statistics = wantsStatistics
            ? [ChannelStatisticsAccumulator](repeating: ChannelStatisticsAccumulator(), count: layout.channelCount) : []
    }

    public var layout: SignalLayout { source.layout }

    public func readBlock(into block: UnsafeMutablePointer<Float>, capacity: Int) throws -> Int {
        let n = try source.readBlock(into: block, capacity: capacity)
        observe(block, frames: n, channelStride: capacity, frameStride: 1)
        return n
    }

    public func restart() throws {
        try source.restart()
        reset()
    }

    public func takeInterleaved() -> Matrix? {
        guard let table = source.takeInterleaved() else { return nil }
        table.data.withUnsafeBufferPointer { values in
            if let base = values.baseAddress {
                observe(base, frames: table.rows, channelStride: 1, frameStride: table.cols)
            }
        }
        return table
    }

    /// Reads the source to its end (for a caller that wants only the figures), restarting it
    /// if it delivers another number of frames than it declared.
    public func drain() throws {
        let capacity = 16_384
        for _ in 0..<3 {
            let block = UnsafeMutablePointer<Float>.allocate(capacity: max(layout.channelCount, 1) * capacity)
            defer { block.deallocate() }
            var frames = 0
            while true {
                let n = try readBlock(into: block, capacity: capacity)
                if n == 0 { break }
                frames += n
            }
            if frames == layout.frameCount { return }
            try restart()
        }
        throw NicaError.invalidArgument(argument: "input", message: "the recording's length kept changing while it was read")
    }

    private func observe(_ base: UnsafePointer<Float>, frames: Int, channelStride: Int, frameStride: Int) {
        guard frames > 0 else { return }
        for c in envelopes.indices {
            envelopes[c].add(base + c * channelStride, count: frames, stride: frameStride)
        }
        for c in statistics.indices {
            statistics[c].add(base + c * channelStride, count: frames, stride: frameStride)
        }
    }

    /// Each channel's envelope, once the source has been read to its end.
    public var overview: SignalOverview {
        let layout = source.layout
        return SignalOverview(channelNames: layout.channelNames, envelopes: envelopes.map(\.envelope),
                              durationSeconds: layout.duration)
    }

    /// Each channel's min, max, mean and RMS, once the source has been read to its end
    /// (empty unless asked for).
    public var channelStatistics: [InputSummary.Channel] {
        zip(statistics, source.layout.channelNames).map { $0.channel(name: $1) }
    }
}

/// `TraceEnvelope` of a trace that arrives in pieces: the same buckets over the same frames.
struct EnvelopeBuilder {
    private let frames: Int
    private let count: Int
    private var minimum: [Float], maximum: [Float]
    private var bucket = 0, bucketEnd = 0, position = 0
    private var low = Float.infinity, high = -Float.infinity

    init(frames n: Int, buckets: Int) {
        frames = n
        count = max(0, min(buckets, n))
        minimum = [Float](repeating: 0, count: count)
        maximum = [Float](repeating: 0, count: count)
        bucketEnd = count > 0 ? end(ofBucket: 0) : 0
    }

    /// Bucket `b` covers `⌊b·n/B⌋ ..< max(⌊(b+1)·n/B⌋, ⌊b·n/B⌋ + 1)`, as in `TraceEnvelope`.
    private func end(ofBucket b: Int) -> Int {
        max((b + 1) * frames / count, b * frames / count + 1)
    }

    /// The next `count` values, `stride` apart. Values beyond the declared frames are ignored.
    mutating func add(_ values: UnsafePointer<Float>, count k: Int, stride: Int) {
        var i = 0
        while i < k && position < frames {
            if position == bucketEnd {
                minimum[bucket] = low
                maximum[bucket] = high
                bucket += 1
                bucketEnd = end(ofBucket: bucket)
                low = .infinity
                high = -.infinity
            }
            let v = values[i * stride]
            if v < low { low = v }
            if v > high { high = v }
            position += 1
            i += 1
        }
    }

    var envelope: TraceEnvelope {
        var minimum = self.minimum, maximum = self.maximum
        if count > 0 && position == frames {
            minimum[bucket] = low
            maximum[bucket] = high
        }
        return TraceEnvelope(minimum: minimum, maximum: maximum)
    }
}

/// Min, max, Σx and Σx² of one channel in Float64, values in order (as `InputSummary` sums them).
struct ChannelStatisticsAccumulator {
    private var low = Double.infinity, high = -Double.infinity, sum = 0.0, sumSq = 0.0
    private var count = 0

    mutating func add(_ values: UnsafePointer<Float>, count k: Int, stride: Int) {
        for i in 0..<k {
            let x = Double(values[i * stride])
            low = Swift.min(low, x)
            high = Swift.max(high, x)
            sum += x
            sumSq += x * x
        }
        count += k
    }

    func channel(name: String) -> InputSummary.Channel {
        let n = Double(Swift.max(count, 1))
        return InputSummary.Channel(name: name, min: count == 0 ? 0 : low, max: count == 0 ? 0 : high,
                                    mean: sum / n, rms: (sumSq / n).squareRoot())
    }
}
