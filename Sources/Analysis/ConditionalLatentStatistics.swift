#if canImport(Glibc)
import Glibc
#endif
import NicaCore

extension LatentStatistics {
    /// The statistics under a segment-conditioned prior p(z|u) = N(m_u, diag v_u) (iVAE):
    /// KL_d = (1/N) Σ_n ½ [log v_ud − log σ_nd² + (σ_nd² + (μ_nd − m_ud)²) / v_ud − 1], nats,
    /// with u the segment of observation n. A dimension that carries no information about x
    /// beyond the segment follows its prior, q(z_d|x) ≈ p(z_d|u), and has KL_d ≈ 0; so the
    /// same counting rule applies. `meanVariance` and `meanPosteriorVariance` are as in the
    /// isotropic case.
    ///
    /// `mean`, `logVariance`: `N × K`; `segments`: N indices into the rows of `priorMean`
    /// and `priorLogVariance` (`U × K`).
    public init(mean: Matrix, logVariance: Matrix, segments: [Int32], priorMean: Matrix, priorLogVariance: Matrix) {
        precondition(segments.count == mean.rows && priorMean.cols == mean.cols
                     && priorLogVariance.rows == priorMean.rows && priorLogVariance.cols == priorMean.cols)
        let isotropic = LatentStatistics(mean: mean, logVariance: logVariance)
        let n = mean.rows, k = mean.cols
        var kl = [Double](repeating: 0, count: k)
        for r in 0..<n {
            let u = Int(segments[r])
            for d in 0..<k {
                let mu = Double(mean[r, d]), lv = Double(logVariance[r, d])
                let m = Double(priorMean[u, d]), plv = Double(priorLogVariance[u, d])
                let spread: Double = exp(lv) + (mu - m) * (mu - m)
                kl[d] += 0.5 * (plv - lv + spread * exp(-plv) - 1)
            }
        }
        self.init(klPerDimension: kl.map { $0 / Double(max(n, 1)) }, meanVariance: isotropic.meanVariance,
                  meanPosteriorVariance: isotropic.meanPosteriorVariance)
    }
}
