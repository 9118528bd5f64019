import NicaCore

/// How slowly each latent trace varies: the autocorrelation of the posterior mean at a lag
/// of `lag` observations, ρ_d(lag) = Σ_t (μ_t − μ̄)(μ_{t+lag} − μ̄) / Σ_t (μ_t − μ̄)².
///
/// In spectral mode a source is a slowly modulated band, so its latent trace is smooth from
/// window to window (ρ ≈ 1), whereas a latent that models the periodogram's own window-to-
/// window fluctuation — shared by every channel a noise-like source reaches, so real
/// structure, but not a source — is white (ρ ≈ 0) once the windows no longer overlap.
public enum TemporalSmoothness {
    /// ρ_d(lag) for every column of `means` (`N × K`, rows in time order). A constant trace gives 0.
    public static func lagAutocorrelation(_ means: Matrix, lag: Int) -> [Double] {
        let n = means.rows, k = means.cols
        guard lag >= 1, n > lag + 1 else { return [Double](repeating: 0, count: k) }
        return (0..<k).map { d in
            var mean = 0.0
            for t in 0..<n { mean += Double(means.data[t * k + d]) }
            mean /= Double(n)
            var numerator = 0.0, denominator = 0.0
            for t in 0..<n {
                let a = Double(means.data[t * k + d]) - mean
                denominator += a * a
                if t + lag < n { numerator += a * (Double(means.data[(t + lag) * k + d]) - mean) }
            }
            return denominator > 0 ? numerator / denominator : 0
        }
    }

    /// The lag (in windows) at which windows of `window` samples taken every `hop` samples no
    /// longer overlap, so that independent window-to-window fluctuations are uncorrelated.
    public static func nonOverlappingLag(window: Int, hop: Int) -> Int {
        max(1, (window + hop - 1) / hop)
    }
}
