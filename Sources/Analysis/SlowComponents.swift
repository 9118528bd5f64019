import Linalg
import NicaCore

/// The slowly varying directions within a set of latent traces, independent of how the
/// latents are rotated.
///
/// A VAE with an isotropic prior recovers the span of the sources, not the sources: in
/// spectral mode a latent can mix a source envelope (smooth over windows) with the
/// periodogram's window-to-window fluctuation (white). The traces are whitened, and the
/// symmetrised lag-τ covariance of the whitened traces is diagonalised (AMUSE; Tong et al.,
/// "Indeterminacy and identifiability of blind identification", IEEE TCS 1991): its
/// eigenvalues are the lag-τ autocorrelations of the maximally and minimally
/// autocorrelated combinations. The number of eigenvalues above a threshold is the number
/// of slow components — the number of independently modulated sources.
public struct SlowComponents: Codable, Equatable, Sendable {
    /// Canonical lag-τ autocorrelations of the combinations, largest first (in [−1, 1]).
    public var autocorrelations: [Double]

    /// Analyses the columns `dimensions` of `means` (`N × K`, rows in time order) at lag `lag`.
    public init(means: Matrix, dimensions: [Int], lag: Int) throws {
        let n = means.rows, a = dimensions.count
        guard a > 0, lag >= 1, n > lag + a else { autocorrelations = []; return }
        var x = Matrix(rows: n, cols: a)
        for t in 0..<n { for (j, d) in dimensions.enumerated() { x[t, j] = means[t, d] } }
        let covariance = covarianceMatrix(x)
        let eigen = try SymmetricEigen(symmetric: covariance, n: a)
        // Whitening W = V Λ^{-1/2}; directions with no variance are dropped.
        let kept = (0..<a).filter { eigen.values[$0] > 1e-12 * max(eigen.values[a - 1], 1e-300) }
        var mean = [Double](repeating: 0, count: a)
        for t in 0..<n { for j in 0..<a { mean[j] += Double(x[t, j]) } }
        for j in 0..<a { mean[j] /= Double(n) }
        let w = kept.count
        var y = [Double](repeating: 0, count: n * w)
        for t in 0..<n {
            for (c, e) in kept.enumerated() {
                var s = 0.0
                for j in 0..<a { s += (Double(x[t, j]) - mean[j]) * eigen.vectors[j * a + e] }
                y[t * w + c] = s / eigen.values[e].squareRoot()
            }
        }
        // Symmetrised lag covariance of the whitened traces (unit variance at lag 0).
        var lagged = [Double](repeating: 0, count: w * w)
        for t in 0..<(n - lag) {
            for i in 0..<w {
                let yi = y[t * w + i]
                for j in 0..<w { lagged[i * w + j] += yi * y[(t + lag) * w + j] }
            }
        }
        let scale = 1 / Double(n - 1)
        var symmetric = [Double](repeating: 0, count: w * w)
        for i in 0..<w { for j in 0..<w { symmetric[i * w + j] = 0.5 * (lagged[i * w + j] + lagged[j * w + i]) * scale } }
        let canonical = try SymmetricEigen(symmetric: symmetric, n: w, computeVectors: false)
        autocorrelations = canonical.values.reversed()
    }

    /// Components whose autocorrelation is at least `threshold`.
    public func count(threshold: Double) -> Int {
        autocorrelations.filter { $0 >= threshold }.count
    }
}
