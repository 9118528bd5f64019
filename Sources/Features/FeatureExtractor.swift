import NicaCore

/// Turns a multichannel recording into a feature matrix: one row per window (see
/// `Framing`), columns by `FeatureKind`.
///
/// Columns of a row for `m` channels:
/// - `raw`, W = 1: the `m` channel values x_c(t) at t = i·H — the classic nonlinear-ICA
///   observation vector.
/// - `raw`, W > 1: the window's samples channel after channel: column `c·W + τ` is
///   x_c(i·H + τ). No taper.
/// - `magnitude` / `logpower`: channel `c` contributes columns `c·B ..< (c+1)·B`,
///   B = ⌈(W/2 + 1) / P⌉, from the DFT of the Hann-tapered window
///   X_k = Σ_τ w[τ] x_c(i·H + τ) e^{−2πikτ/W}, k = 0 … W/2 (bin k is k·rate/W Hz).
///   The powers |X_k|² are averaged in groups of P adjacent bins (the last group may be
///   smaller) giving P̄_g; the feature is √P̄_g (magnitude, signal units × samples) or
///   log(P̄_g + ε) (logpower, natural log). With P = 1, P̄_g = |X_g|².
///
/// ε, the log floor, is `relativeLogFloor` (1e-10, i.e. −100 dB) times the power a
/// white noise with the recording's mean square would put in every bin,
/// mean(x²)·Σw², but at least `absoluteLogFloor`. Relative, because a fixed floor would
/// clip quiet recordings (EEG in volts has power ~1e-10) yet be irrelevant for loud ones;
/// with a relative floor, scaling the recording by g only shifts every log feature by
/// 2·log g. −100 dB is far below any real spectrum yet above Float32 round-off (~−140 dB
/// relative), so numerically-zero bins get one stable value instead of round-off noise.
/// The absolute floor (1e-30) keeps digital silence finite (log ε ≈ −69).
///
/// Windows go through the FFT in batches of up to 256 (one `SpectrumPlan` execute per
/// batch); plans are pooled and reused across calls; the output is written in place with
/// no per-window allocation, and the log runs vectorised over each batch's output.
/// `FeatureAccumulator` builds the same matrix, bit for bit, from a recording that arrives
/// in blocks (this function feeds it the whole recording as one block).
public enum FeatureExtractor {
    /// ε relative to the white-noise power level of the recording (−100 dB).
    public static let relativeLogFloor: Double = 1e-10
    /// Smallest ε, used for (near-)digital silence.
    public static let absoluteLogFloor: Double = 1e-30

    /// The log floor ε (power units) used for `logpower` features of `signal` with a
    /// `window`-sample periodic Hann taper: max(1e-10 · mean(x²) · Σw², 1e-30).
    public static func logPowerFloor(signal: Signal, window: Int) -> Float {
        var squares = MeanSquareAccumulator(channelCount: signal.channelCount)
        signal.samples.withUnsafeBufferPointer { s in
            guard let p = s.baseAddress else { return }
            squares.add(p, frames: signal.frameCount, channelStride: signal.frameCount, firstFrame: 0)
        }
        return logPowerFloor(meanSquare: squares.meanSquare(frameCount: signal.frameCount), window: window)
    }

    /// ε for a recording of mean square `meanSquare` (see `logPowerFloor(signal:window:)`).
    static func logPowerFloor(meanSquare: Double, window: Int) -> Float {
        let level = meanSquare * HannWindow.energy(HannWindow.periodic(max(window, 1)))
        let eps = max(relativeLogFloor * level, absoluteLogFloor)
        return Float(eps.isFinite ? eps : absoluteLogFloor)
    }

    /// The feature matrix of `signal` under `config` (rows = windows, see the type's
    /// documentation for the columns). Throws `NicaError.invalidArgument` when `config` does
    /// not fit the recording (`FeatureConfig.validate(frameCount:)`).
    public static func extract(signal: Signal, config: FeatureConfig) throws -> Matrix {
        try config.validate(frameCount: signal.frameCount)
        // The whole recording is at hand, so ε is known before the first transform and the
        // log is taken batch by batch while the batch is in cache.
        let floor: Float? = config.kind == .logpower ? logPowerFloor(signal: signal, window: config.window) : nil
        let accumulator = try FeatureAccumulator(config: config, channelCount: signal.channelCount,
                                                 frameCount: signal.frameCount, logFloor: floor)
        signal.samples.withUnsafeBufferPointer { s in
            guard let p = s.baseAddress else { return }
            accumulator.append(p, frames: signal.frameCount, channelStride: signal.frameCount)
        }
        return accumulator.finish()
    }
}
