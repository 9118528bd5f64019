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
public enum FeatureExtractor {
    /// ε relative to the white-noise power level of the recording (−100 dB).
    public static let relativeLogFloor: Double = 1e-10
    /// Smallest ε, used for (near-)digital silence.
    public static let absoluteLogFloor: Double = 1e-30

    /// The log floor ε (power units) used for `logpower` features of `signal` with a
    /// `window`-sample periodic Hann taper: max(1e-10 · mean(x²) · Σw², 1e-30).
    public static func logPowerFloor(signal: Signal, window: Int) -> Float {
        // Four independent Float64 accumulators: the same sum to round-off, without one long
        // dependency chain of additions (this pass touches every sample once).
        var sum = 0.0
        signal.samples.withUnsafeBufferPointer { s in
            guard let p = s.baseAddress else { return }
            var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0
            let n4 = s.count / 4 * 4
            var i = 0
            while i < n4 {
                let v0 = Double(p[i]), v1 = Double(p[i + 1]), v2 = Double(p[i + 2]), v3 = Double(p[i + 3])
                a0 += v0 * v0; a1 += v1 * v1; a2 += v2 * v2; a3 += v3 * v3
                i += 4
            }
            while i < s.count { let v = Double(p[i]); a0 += v * v; i += 1 }
            sum = (a0 + a1) + (a2 + a3)
        }
        let meanSquare = signal.samples.isEmpty ? 0 : sum / Double(signal.samples.count)
        let level = meanSquare * HannWindow.energy(HannWindow.periodic(max(window, 1)))
        let eps = max(relativeLogFloor * level, absoluteLogFloor)
        return Float(eps.isFinite ? eps : absoluteLogFloor)
    }

    /// The feature matrix of `signal` under `config` (rows = windows, see the type's
    /// documentation for the columns). Throws `NicaError.invalidArgument` when `config` does
    /// not fit the recording (`FeatureConfig.validate(frameCount:)`).
    public static func extract(signal: Signal, config: FeatureConfig) throws -> Matrix {
        try config.validate(frameCount: signal.frameCount)
        let framing = Framing(frameCount: signal.frameCount, config: config)
        switch config.kind {
        case .raw:
            return rawFeatures(signal: signal, framing: framing)
        case .magnitude, .logpower:
            return spectralFeatures(signal: signal, framing: framing, config: config)
        }
    }

    // MARK: - Raw

    private static func rawFeatures(signal: Signal, framing: Framing) -> Matrix {
        let n = framing.windowCount, m = signal.channelCount, w = framing.window
        let frames = signal.frameCount, hop = framing.hop
        let cols = m * w
        var out = [Float](repeating: 0, count: n * cols)
        signal.samples.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                guard let s = src.baseAddress, let d = dst.baseAddress else { return }
                for i in 0..<n {
                    let start = i * hop
                    let row = d + i * cols
                    for c in 0..<m {
                        (row + c * w).update(from: s + c * frames + start, count: w)
                    }
                }
            }
        }
        return Matrix(rows: n, cols: cols, data: out)
    }

    // MARK: - Spectra

    private static func spectralFeatures(signal: Signal, framing: Framing, config: FeatureConfig) -> Matrix {
        let n = framing.windowCount, m = signal.channelCount, w = framing.window
        let frames = signal.frameCount, hop = framing.hop
        let pool = config.poolBins
        let bins = w / 2 + 1
        let groups = config.featuresPerChannel   // ⌈bins / pool⌉
        let transforms = n * m
        guard transforms > 0 else { return Matrix(rows: n, cols: m * groups) }

        let hann = HannWindow.periodic(w)
        let eps: Float = config.kind == .logpower ? logPowerFloor(signal: signal, window: w) : 0
        let batch = SpectrumPlanPool.batchSize(window: w, transforms: transforms)
        let plan = SpectrumPlanPool.shared.checkOut(window: w, batch: batch)
        defer { SpectrumPlanPool.shared.checkIn(plan) }
        let inStride = plan.inputStride, outStride = plan.outputStride

        // Transform q = i·m + c is window i of channel c; its features are
        // out[q·groups ..< (q+1)·groups], so a batch of consecutive q fills one contiguous
        // stretch of the output. Every element is written (each transform fills its `groups`
        // values), so the buffer is not zero-filled first.
        let count = transforms * groups
        let out = [Float](unsafeUninitializedCapacity: count) { outBuf, initialized in
            HugePages.advise(outBuf.baseAddress!, byteCount: count * MemoryLayout<Float>.stride)
            signal.samples.withUnsafeBufferPointer { srcBuf in
                hann.withUnsafeBufferPointer { hannBuf in
                    let src = srcBuf.baseAddress!, taper = hannBuf.baseAddress!, dst = outBuf.baseAddress!
                    var q0 = 0
                    while q0 < transforms {
                        let batchCount = min(batch, transforms - q0)
                        // Taper the windows into the plan's input.
                        plan.withInput { input in
                            for j in 0..<batchCount {
                                let q = q0 + j
                                let x = src + (q % m) * frames + (q / m) * hop
                                let row = input + j * inStride
                                for t in 0..<w { row[t] = x[t] * taper[t] }
                            }
                        }
                        plan.execute()
                        // |X_k|², pooled in groups of P.
                        plan.withOutput { spectra in
                            for j in 0..<batchCount {
                                let spectrum = spectra + 2 * j * outStride
                                let features = dst + (q0 + j) * groups
                                if pool == 1 {
                                    for k in 0..<bins {
                                        let re = spectrum[2 * k], im = spectrum[2 * k + 1]
                                        features[k] = re * re + im * im
                                    }
                                } else {
                                    for g in 0..<groups {
                                        let k0 = g * pool, k1 = min(k0 + pool, bins)
                                        var sum: Float = 0
                                        for k in k0..<k1 {
                                            let re = spectrum[2 * k], im = spectrum[2 * k + 1]
                                            sum += re * re + im * im
                                        }
                                        features[g] = sum / Float(k1 - k0)
                                    }
                                }
                            }
                        }
                        // Power → feature, over the batch's contiguous stretch.
                        let stretch = UnsafeMutableBufferPointer(start: dst + q0 * groups, count: batchCount * groups)
                        if config.kind == .logpower {
                            FastLog.logInPlace(stretch, adding: eps)
                        } else {
                            // Scalar sqrtss: Swift keeps a libm fallback for negative inputs, so
                            // this loop does not vectorise; ~1 ns per value, about what the log costs.
                            let p = stretch.baseAddress!
                            for i in 0..<stretch.count { p[i] = p[i].squareRoot() }
                        }
                        q0 += batchCount
                    }
                }
            }
            initialized = count
        }
        return Matrix(rows: n, cols: m * groups, data: out)
    }
}
