import NicaCore

/// A long trace reduced to `buckets` (min, max) pairs over consecutive equal spans of
/// samples: drawn as a band, it shows every peak of the trace at a fixed cost however long
/// the recording (the usual "min/max decimation" of waveform viewers).
public struct TraceEnvelope: Equatable, Sendable {
    /// Smallest value of each bucket.
    public var minimum: [Float]
    /// Largest value of each bucket.
    public var maximum: [Float]

    /// Reduces `values` to at most `buckets` spans; bucket `b` covers samples
    /// `⌊b·n/B⌋ ..< ⌊(b+1)·n/B⌋`. Fewer than `buckets` samples give one bucket per sample.
    public init<C: RandomAccessCollection>(_ values: C, buckets: Int) where C.Element == Float, C.Index == Int {
        let n = values.count
        let count = max(0, min(buckets, n))
        minimum = [Float](repeating: 0, count: count)
        maximum = [Float](repeating: 0, count: count)
        let base = values.startIndex
        for b in 0..<count {
            let lo = b * n / count, hi = max((b + 1) * n / count, lo + 1)
            var mn = Float.infinity, mx = -Float.infinity
            for i in lo..<hi {
                let v = values[base + i]
                if v < mn { mn = v }
                if v > mx { mx = v }
            }
            minimum[b] = mn
            maximum[b] = mx
        }
    }

    init(minimum: [Float], maximum: [Float]) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Number of buckets.
    public var count: Int { minimum.count }

    /// The smallest and largest value over all buckets (0, 0 when empty).
    public var bounds: (Float, Float) {
        (minimum.min() ?? 0, maximum.max() ?? 0)
    }
}

/// What the latent plot shows of the input: each channel's min/max envelope over time.
/// Computed once from the signal (or gathered while it streams past, `InputTap`) so the
/// report never holds the whole recording.
public struct SignalOverview: Equatable, Sendable {
    public var channelNames: [String]
    public var envelopes: [TraceEnvelope]
    /// Duration of the recording in seconds.
    public var durationSeconds: Double

    /// Default number of buckets: about one per horizontal pixel of the plot.
    public static let defaultBuckets = 800

    public init(channelNames: [String], envelopes: [TraceEnvelope], durationSeconds: Double) {
        self.channelNames = channelNames
        self.envelopes = envelopes
        self.durationSeconds = durationSeconds
    }

    public init(signal: Signal, buckets: Int = SignalOverview.defaultBuckets) {
        channelNames = signal.channelNames
        envelopes = (0..<signal.channelCount).map { TraceEnvelope(signal.channel($0), buckets: buckets) }
        durationSeconds = signal.duration
    }
}
