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
        precondition(mean.rows == logVariance.rows && mean.cols == logVariance.cols)
        var accumulator = Accumulator(latentCount: mean.cols, segments: segments, priorMean: priorMean,
                                      priorLogVariance: priorLogVariance)
        mean.data.withUnsafeBufferPointer { mu in
            logVariance.data.withUnsafeBufferPointer { lv in
                if let m = mu.baseAddress, let l = lv.baseAddress { accumulator.add(means: m, logVariances: l, rows: mean.rows) }
            }
        }
        self = accumulator.statistics
    }
}
