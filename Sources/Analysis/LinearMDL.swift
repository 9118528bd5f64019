#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linalg
import NicaCore

/// The linear baseline for "how many sources?": the Minimum Description Length estimate of
/// the number of signals in a covariance matrix, Wax & Kailath, "Detection of signals by
/// information theoretic criteria", IEEE Trans. ASSP 33(2):387–392, 1985.
///
/// Model: p channels = k sources mixed linearly + white noise of equal variance σ², so the
/// population covariance has k eigenvalues above σ² and p − k equal to σ². With the sample
/// eigenvalues λ₁ ≥ … ≥ λ_p of N observations,
///
///   MDL(k) = −N (p − k) · log( G_k / A_k ) + ½ k (2p − k) · log N,   k = 0 … p − 1,
///
/// where G_k and A_k are the geometric and arithmetic means of the p − k smallest
/// eigenvalues. The first term is the log-likelihood lost by assuming those eigenvalues are
/// equal (G ≤ A, equality iff all equal); the second charges ½ log N for each of the
/// k(2p − k) free parameters of a rank-k signal covariance. The estimate is the argmin.
///
/// nica compares this with the VAE's nonlinear estimate: a linear mixture is counted
/// correctly here; a nonlinear one typically needs more linear dimensions.
public enum LinearMDL {
    /// The MDL(k) values for k = 0 … p − 1 (eigenvalues in any order; each is clamped at a
    /// tiny positive floor, 1e-12 · λ_max or the smallest normal Double, so the logs stay finite).
    public static func criterion(eigenvalues: [Double], sampleCount: Int) -> [Double] {
        precondition(sampleCount >= 1, "LinearMDL: sampleCount must be ≥ 1, got \(sampleCount)")
        let p = eigenvalues.count
        guard p > 0 else { return [] }
        let largest = eigenvalues.max() ?? 0
        let floor = max(largest.isFinite ? largest * 1e-12 : 0, Double.leastNormalMagnitude)
        let ascending = eigenvalues.map { max($0, floor) }.sorted()
        let n = Double(sampleCount), logN = log(n)
        var values = [Double](repeating: 0, count: p)
        // The p − k smallest eigenvalues are ascending[0 ..< p − k]; accumulate from the bottom.
        var sumLog = 0.0, sum = 0.0
        var tailLogRatio = [Double](repeating: 0, count: p + 1)   // indexed by p − k
        for j in 0..<p {
            sumLog += log(ascending[j])
            sum += ascending[j]
            let count = Double(j + 1)
            tailLogRatio[j + 1] = sumLog / count - log(sum / count)   // log(G / A) ≤ 0
        }
        for k in 0..<p {
            let q = p - k
            values[k] = -n * Double(q) * tailLogRatio[q] + 0.5 * Double(k) * Double(2 * p - k) * logN
        }
        return values
    }

    /// The MDL estimate of the number of sources, in 0 … p − 1 (the smallest k on ties).
    public static func estimate(eigenvalues: [Double], sampleCount: Int) -> Int {
        let values = criterion(eigenvalues: eigenvalues, sampleCount: sampleCount)
        var best = 0
        for k in values.indices where values[k] < values[best] { best = k }
        return best
    }

    /// The MDL estimate for the columns of a feature matrix (rows = observations): sample
    /// covariance (`covarianceMatrix`), its eigenvalues (LAPACK `dsyev`), then
    /// `estimate(eigenvalues:sampleCount:)` with N = rows.
    ///
    /// Constant columns (variance ≤ 1e-12 × the largest variance — e.g. features the
    /// `Standardizer` mapped to 0) are left out first: they carry neither signal nor noise,
    /// and their zero eigenvalues would otherwise break the equal-noise model and inflate k.
    /// Throws `NicaError.invalidArgument` for fewer than 2 rows or no columns, and
    /// `NicaError.numerical` if the covariance has non-finite entries or LAPACK fails.
    public static func estimate(features: Matrix) throws -> Int {
        var copy = features
        return try estimate(centringInPlace: &copy)
    }

    /// `estimate(features:)` for a caller that needs the features no more: their columns are
    /// centred in place instead of in a copy (`covarianceMatrix(centringInPlace:)`), which
    /// on a long recording spares a second matrix of the features' size. Same result.
    public static func estimate(centringInPlace features: inout Matrix) throws -> Int {
        guard features.rows >= 2, features.cols >= 1 else {
            throw NicaError.invalidArgument(argument: "features",
                message: "linear MDL needs at least 2 observations of at least 1 feature, got \(features.rows)×\(features.cols)")
        }
        let p = features.cols
        let covariance = covarianceMatrix(centringInPlace: &features)
        guard covariance.allSatisfy({ $0.isFinite }) else {
            throw NicaError.numerical(message: "linear MDL: the feature covariance has non-finite entries")
        }
        let variances = (0..<p).map { covariance[$0 * p + $0] }
        let largest = variances.max() ?? 0
        let kept = (0..<p).filter { variances[$0] > 1e-12 * largest }
        guard !kept.isEmpty else { return 0 }
        var reduced = [Double](repeating: 0, count: kept.count * kept.count)
        for (a, i) in kept.enumerated() {
            for (b, j) in kept.enumerated() { reduced[a * kept.count + b] = covariance[i * p + j] }
        }
        let eigen = try SymmetricEigen(symmetric: reduced, n: kept.count, computeVectors: false)
        return estimate(eigenvalues: eigen.values, sampleCount: features.rows)
    }
}
