import NicaCore

/// Per-dimension summaries of the approximate posterior over a data set.
public struct LatentStatistics: Codable, Equatable, Sendable {
    /// KL_d = (1/N) Σ_n ½ (μ_nd² + σ_nd² − log σ_nd² − 1), in nats: the information latent d
    /// carries about an observation, on average (a dimension at the prior has KL_d = 0).
    public var klPerDimension: [Double]
    /// Var_n(μ_nd): the "active units" statistic of Burda et al. (2015), unit-free (the prior has variance 1).
    public var meanVariance: [Double]
    /// (1/N) Σ_n σ_nd²: posterior variance left after seeing an observation.
    public var meanPosteriorVariance: [Double]

    /// Computes the statistics from posterior means and log-variances (both `N × K`).
    public init(mean: Matrix, logVariance: Matrix) {
        precondition(mean.rows == logVariance.rows && mean.cols == logVariance.cols)
        let n = mean.rows, k = mean.cols
        var kl = [Double](repeating: 0, count: k)
        var sum = [Double](repeating: 0, count: k), sumSq = [Double](repeating: 0, count: k)
        var postVar = [Double](repeating: 0, count: k)
        for r in 0..<n {
            for d in 0..<k {
                let mu = Double(mean.data[r * k + d]), lv = Double(logVariance.data[r * k + d])
                let v = exp(lv)
                kl[d] += 0.5 * (mu * mu + v - lv - 1)
                sum[d] += mu
                sumSq[d] += mu * mu
                postVar[d] += v
            }
        }
        let nn = Double(max(n, 1))
        klPerDimension = kl.map { $0 / nn }
        meanVariance = (0..<k).map { d in
            let m = sum[d] / nn
            return n > 1 ? max(sumSq[d] / nn - m * m, 0) * nn / (nn - 1) : 0
        }
        meanPosteriorVariance = postVar.map { $0 / nn }
    }

    public init(klPerDimension: [Double], meanVariance: [Double], meanPosteriorVariance: [Double]) {
        self.klPerDimension = klPerDimension
        self.meanVariance = meanVariance
        self.meanPosteriorVariance = meanPosteriorVariance
    }
}

#if canImport(Glibc)
import Glibc
#endif
