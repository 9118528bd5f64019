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
        var accumulator = Accumulator(latentCount: mean.cols)
        mean.data.withUnsafeBufferPointer { mu in
            logVariance.data.withUnsafeBufferPointer { lv in
                if let m = mu.baseAddress, let l = lv.baseAddress { accumulator.add(means: m, logVariances: l, rows: mean.rows) }
            }
        }
        self = accumulator.statistics
    }

    public init(klPerDimension: [Double], meanVariance: [Double], meanPosteriorVariance: [Double]) {
        self.klPerDimension = klPerDimension
        self.meanVariance = meanVariance
        self.meanPosteriorVariance = meanPosteriorVariance
    }

    /// The statistics gathered batch by batch, rows in order, so the posterior log-variances
    /// of a long recording never have to be held whole. The sums are the ones
    /// `init(mean:logVariance:)` forms (that initialiser is this accumulator fed one batch),
    /// so the result does not depend on how the rows are split.
    public struct Accumulator: Sendable {
        /// K, the latent dimensions of every row.
        public let latentCount: Int
        /// Rows added so far.
        public private(set) var rows = 0
        private var kl: [Double], sum: [Double], sumSq: [Double], postVar: [Double]
        /// With a segment-conditioned prior: the segment of every row, the prior's `U × K`
        /// means and log-variances, and the KL against it.
        private let conditional: (segments: [Int32], mean: Matrix, logVariance: Matrix)?
        private var conditionalKL: [Double]

        /// Statistics against the isotropic prior N(0, I) for `latentCount` dimensions.
        public init(latentCount: Int) {
            self.init(latentCount: latentCount, conditional: nil)
        }

        /// Statistics with the KL against p(z|u) = N(m_u, diag v_u) (see
        /// `init(mean:logVariance:segments:priorMean:priorLogVariance:)`); `segments` gives
        /// the segment of every row that will be added.
        public init(latentCount: Int, segments: [Int32], priorMean: Matrix, priorLogVariance: Matrix) {
            precondition(priorMean.cols == latentCount && priorLogVariance.rows == priorMean.rows
                         && priorLogVariance.cols == priorMean.cols)
            self.init(latentCount: latentCount, conditional: (segments, priorMean, priorLogVariance))
        }

        private init(latentCount: Int, conditional: (segments: [Int32], mean: Matrix, logVariance: Matrix)?) {
            self.latentCount = latentCount
            let zeros = [Double](repeating: 0, count: latentCount)
            kl = zeros; sum = zeros; sumSq = zeros; postVar = zeros; conditionalKL = zeros
            self.conditional = conditional
        }

        /// Adds the next `rows` rows: posterior means and (clamped) log-variances, each
        /// `rows × K` row-major.
        public mutating func add(means: UnsafePointer<Float>, logVariances: UnsafePointer<Float>, rows n: Int) {
            let k = latentCount, first = rows
            for r in 0..<n {
                for d in 0..<k {
                    let mu = Double(means[r * k + d]), lv = Double(logVariances[r * k + d])
                    let v = exp(lv)
                    kl[d] += 0.5 * (mu * mu + v - lv - 1)
                    sum[d] += mu
                    sumSq[d] += mu * mu
                    postVar[d] += v
                }
            }
            if let conditional {
                precondition(first + n <= conditional.segments.count, "LatentStatistics: more rows than segments")
                for r in 0..<n {
                    let u = Int(conditional.segments[first + r])
                    for d in 0..<k {
                        let mu = Double(means[r * k + d]), lv = Double(logVariances[r * k + d])
                        let m = Double(conditional.mean[u, d]), plv = Double(conditional.logVariance[u, d])
                        let spread: Double = exp(lv) + (mu - m) * (mu - m)
                        conditionalKL[d] += 0.5 * (plv - lv + spread * exp(-plv) - 1)
                    }
                }
            }
            rows += n
        }

        /// The statistics of the rows added so far.
        public var statistics: LatentStatistics {
            let k = latentCount, n = rows
            let nn = Double(max(n, 1))
            let meanVariance = (0..<k).map { d in
                let m = sum[d] / nn
                return n > 1 ? max(sumSq[d] / nn - m * m, 0) * nn / (nn - 1) : 0
            }
            return LatentStatistics(klPerDimension: (conditional == nil ? kl : conditionalKL).map { $0 / nn },
                                    meanVariance: meanVariance, meanPosteriorVariance: postVar.map { $0 / nn })
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
