/// Where the windows of a recording lie.
///
/// With `F` frames, window length `W` and hop `H`, there are `1 + ⌊(F − W) / H⌋` windows
/// (none if `F < W`); window `i` covers samples `i·H ..< i·H + W`. A trailing piece shorter
/// than `W` is dropped rather than zero-padded, so every row sees the same amount of signal.
/// The time of window `i` is its centre, `(i·H + (W − 1)/2) / rate` seconds — for `W = 1`
/// simply `t / rate` — so feature rows line up with the samples they summarise.
public struct Framing: Equatable, Sendable {
    public var frameCount: Int
    public var window: Int
    public var hop: Int

    public init(frameCount: Int, window: Int, hop: Int) {
        precondition(window >= 1 && hop >= 1, "Framing: window and hop must be ≥ 1")
        self.frameCount = frameCount
        self.window = window
        self.hop = hop
    }

    public init(frameCount: Int, config: FeatureConfig) {
        self.init(frameCount: frameCount, window: config.window, hop: config.hop)
    }

    /// Number of whole windows: `1 + ⌊(F − W) / H⌋`, or 0 when `F < W`.
    public var windowCount: Int {
        frameCount < window ? 0 : 1 + (frameCount - window) / hop
    }

    /// First sample of window `i`: `i · H`.
    @inline(__always)
    public func start(ofWindow i: Int) -> Int { i * hop }

    /// Centre of window `i` in seconds: `(i·H + (W − 1)/2) / sampleRate`.
    public func centreTime(ofWindow i: Int, sampleRate: Double) -> Double {
        (Double(i * hop) + Double(window - 1) / 2) / sampleRate
    }

    /// Centre times (seconds) of all windows, in order.
    public func centreTimes(sampleRate: Double) -> [Double] {
        (0..<windowCount).map { centreTime(ofWindow: $0, sampleRate: sampleRate) }
    }
}
