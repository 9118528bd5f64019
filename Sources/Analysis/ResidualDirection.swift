import Linalg
import NicaCore

/// The most noise-like direction of what a model leaves unexplained: of the residual's
/// principal directions, the one whose variance changes least from block to block.
///
/// Why: a VAE that carries m − 1 of m channels' directions leaves one direction in its
/// residual either way, and the ELBO cannot tell an m-th source weaker than the decoder's
/// error from the noise of an (m − 1)-source recording. The two differ in time: the sources
/// of nonlinear ICA are nonstationary (their variance changes from segment to segment), the
/// noise is not. Each principal direction of the residual is cut into blocks, and the spread
/// of its block variances is compared with the spread a stationary signal of the same
/// kurtosis would give, √((κ + 2)/b) for blocks of b samples and excess kurtosis κ: ≈ 1 for
/// stationary noise, heavy-tailed or not, and about 2 or more for a direction that follows
/// the sources (the decoder's errors on the sources it carries do too). Where a noise-only
/// direction is left over, it holds a good share of the residual and scores near 1; the
/// directions holding less than `minimumShare` of it are left out, since sensor noise
/// reaches every direction and dominates the weakest ones of any residual
/// (docs/accuracy.md).
public struct ResidualDirection: Equatable, Sendable {
    /// Share of the residual variance on the direction.
    public var varianceShare: Double
    /// Block-variance spread over the spread of a stationary signal of the same kurtosis:
    /// ≈ 1 for stationary noise; the smallest over the residual's principal directions.
    public var nonstationarity: Double
    /// Excess kurtosis of the residual along the direction (0 for Gaussian noise).
    public var excessKurtosis: Double

    /// Blocks the residual is cut into (fewer when the blocks would hold under 50 rows).
    public static let defaultBlocks = 50
    /// Smallest share of the residual variance a direction must hold to be measured.
    public static let minimumShare = 0.05

    /// Measures the principal directions of `residual` (`N × F`, rows in time order) that hold
    /// at least `minimumShare` of its variance and keeps the most stationary. Nil when there
    /// are fewer than two blocks of at least 50 rows or no residual variance.
    public init?(residual: Matrix, blocks requested: Int = ResidualDirection.defaultBlocks) throws {
        let n = residual.rows, f = residual.cols
        let blocks = min(requested, n / 50)
        guard blocks >= 2, f >= 1 else { return nil }
        let eigen = try SymmetricEigen(symmetric: covarianceMatrix(residual), n: f)
        let total = eigen.values.reduce(0, +)
        guard total > 0 else { return nil }
        var best: ResidualDirection?
        var projection = [Double](repeating: 0, count: n)
        for j in 0..<f where eigen.values[j] >= Self.minimumShare * total {
            for t in 0..<n {
                var s = 0.0
                for c in 0..<f { s += Double(residual.data[t * f + c]) * eigen.vectors[c * f + j] }
                projection[t] = s
            }
            let (nonstationarity, kurtosis) = Self.blockStatistics(&projection, blocks: blocks)
            if best == nil || nonstationarity < best!.nonstationarity {
                best = ResidualDirection(varianceShare: eigen.values[j] / total, nonstationarity: nonstationarity,
                                         excessKurtosis: kurtosis)
            }
        }
        guard let best else { return nil }
        self = best
    }

    public init(varianceShare: Double, nonstationarity: Double, excessKurtosis: Double) {
        self.varianceShare = varianceShare
        self.nonstationarity = nonstationarity
        self.excessKurtosis = excessKurtosis
    }

    /// The nonstationarity ratio and excess kurtosis of one series (centred in place).
    static func blockStatistics(_ series: inout [Double], blocks: Int) -> (nonstationarity: Double, kurtosis: Double) {
        let n = series.count
        let mean = series.reduce(0, +) / Double(n)
        var second = 0.0, fourth = 0.0
        for i in series.indices {
            series[i] -= mean
            let q = series[i] * series[i]
            second += q
            fourth += q * q
        }
        second /= Double(n)
        fourth /= Double(n)
        guard second > 0 else { return (0, 0) }
        let kurtosis = fourth / (second * second) - 3
        let length = n / blocks
        let variances = (0..<blocks).map { b in
            series[(b * length)..<((b + 1) * length)].reduce(0) { $0 + $1 * $1 } / Double(length)
        }
        let average = variances.reduce(0, +) / Double(blocks)
        let spread = (variances.reduce(0) { $0 + ($1 - average) * ($1 - average) } / Double(blocks)).squareRoot()
        let stationarySpread = (max(kurtosis + 2, 1e-12) / Double(length)).squareRoot()
        return (average > 0 ? spread / average / stationarySpread : 0, kurtosis)
    }
}
