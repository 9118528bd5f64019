import NicaCore

/// How a recording is cut into windows and turned into feature rows.
///
/// A recording of `F` frames gives `1 + ⌊(F − W) / H⌋` windows of `W = window` samples,
/// window `i` starting at sample `i · H` (`H = hop`); see `Framing`. Each window becomes
/// one row of the feature matrix; `kind` decides its columns (see `FeatureExtractor`).
public struct FeatureConfig: Codable, Equatable, Sendable {
    /// Window length W, in samples (≥ 1; ≥ 2 for spectral kinds).
    public var window: Int
    /// Hop H between the starts of consecutive windows, in samples (≥ 1). `H < W` overlaps
    /// windows; `H > W` skips the samples between them.
    public var hop: Int
    /// The feature computed from each window.
    public var kind: FeatureKind
    /// Number P of adjacent FFT bins averaged — in the power domain — into one feature
    /// (spectral kinds only; ignored for `raw`). The Hann main lobe already correlates
    /// neighbouring bins, so little resolution is lost, while averaging P bins divides the
    /// periodogram's variance by about P: a single bin of a noisy signal fluctuates by
    /// ~100 % from window to window, noise the VAE would otherwise spend capacity memorising.
    /// The last group may hold fewer than P bins.
    public var poolBins: Int

    public init(window: Int, hop: Int, kind: FeatureKind, poolBins: Int = 1) {
        self.window = window
        self.hop = hop
        self.kind = kind
        self.poolBins = poolBins
    }

    private enum CodingKeys: String, CodingKey { case window, hop, kind, poolBins }

    /// Decodes a configuration; `poolBins` may be absent (older files) and then defaults to 1.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        window = try c.decode(Int.self, forKey: .window)
        hop = try c.decode(Int.self, forKey: .hop)
        kind = try c.decode(FeatureKind.self, forKey: .kind)
        poolBins = try c.decodeIfPresent(Int.self, forKey: .poolBins) ?? 1
    }

    /// FFT bins of one window: `W/2 + 1` (DC up to Nyquist) for the real-input DFT.
    public var binCount: Int { window / 2 + 1 }

    /// Features per channel after pooling: `⌈(W/2 + 1) / P⌉` for spectral kinds, `W` for raw.
    public var featuresPerChannel: Int {
        kind == .raw ? window : (binCount + max(poolBins, 1) - 1) / max(poolBins, 1)
    }

    /// Columns of the feature matrix for a recording with `channelCount` channels.
    public func featureCount(channelCount: Int) -> Int { channelCount * featuresPerChannel }

    /// Checks the configuration against a recording of `frameCount` frames. Errors name
    /// the command-line flag (`--window`, `--hop`, `--pool-bins`) and carry the numbers.
    ///
    /// Rules: W ≥ 1; H ≥ 1; P ≥ 1; spectral kinds need W ≥ 2 (a one-point DFT is just the
    /// sample); W ≤ frameCount (at least one whole window); for spectral kinds P ≤ W/2 + 1.
    public func validate(frameCount: Int) throws {
        guard window >= 1 else {
            throw NicaError.invalidArgument(argument: "--window",
                message: "window must be at least 1 sample, got \(window)")
        }
        guard hop >= 1 else {
            throw NicaError.invalidArgument(argument: "--hop",
                message: "hop must be at least 1 sample, got \(hop)")
        }
        guard poolBins >= 1 else {
            throw NicaError.invalidArgument(argument: "--pool-bins",
                message: "bin pooling must be at least 1, got \(poolBins)")
        }
        if kind.isSpectral && window < 2 {
            throw NicaError.invalidArgument(argument: "--window",
                message: "\(kind.rawValue) features need a window of at least 2 samples, got \(window); "
                    + "a 1-sample window is only allowed with raw features")
        }
        guard window <= frameCount else {
            throw NicaError.invalidArgument(argument: "--window",
                message: "window of \(window) samples is longer than the recording (\(frameCount) frames)")
        }
        if kind.isSpectral && poolBins > binCount {
            throw NicaError.invalidArgument(argument: "--pool-bins",
                message: "cannot pool \(poolBins) bins: a \(window)-sample window has only \(binCount) FFT bins")
        }
    }
}
