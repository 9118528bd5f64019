#if canImport(Glibc)
import Glibc
#endif
import Linalg
import NicaCore

/// Linear ICA by FastICA (Hyvärinen & Oja, "Independent component analysis: algorithms and
/// applications", Neural Networks 13, 2000), the symmetric (parallel) variant with the
/// logcosh contrast G(y) = log cosh y, g = tanh, g' = 1 − tanh².
///
/// Steps: centre the columns of X (`N × F`); whiten with the eigen-decomposition of the
/// covariance, Z = (X − x̄) E_C D_C^{-1/2} for the C largest eigenvalues; start from a
/// Gaussian W (`C × C`) drawn from the seed; iterate
/// W ← E[g(WZ) Zᵀ] − diag(E[g'(WZ)]) W followed by the symmetric decorrelation
/// W ← (WWᵀ)^{-1/2} W, until max_i |1 − |⟨w_i^new, w_i⟩|| < `tolerance` or `maxIterations`.
/// The components Y = Z Wᵀ have unit variance; their sign and order are arbitrary, as in any ICA.
public struct FastICA: Sendable {
    /// Estimated independent components, `N × C` (one column per component).
    public var components: Matrix
    /// The unmixing matrix applied to the centred data, `C × F`: y = B (x − x̄).
    public var unmixing: Matrix
    /// Iterations run.
    public var iterations: Int
    /// Whether the tolerance was reached within `maxIterations`.
    public var converged: Bool

    /// Default convergence tolerance on 1 − |cos| between successive unmixing rows.
    public static let defaultTolerance = 1e-4
    public static let defaultMaxIterations = 200

    /// Runs FastICA on the rows of `x` for `componentCount` components (1 ≤ C ≤ F).
    ///
    /// - Throws: `NicaError.numerical` when the covariance has fewer than C positive
    ///   eigenvalues (the data do not span C dimensions) or an eigen-decomposition fails.
    public init(x: Matrix, componentCount: Int, seed: UInt64, tolerance: Double = defaultTolerance,
                maxIterations: Int = defaultMaxIterations) throws {
        let n = x.rows, f = x.cols, c = componentCount
        precondition(c >= 1 && c <= f && n >= 2 && maxIterations >= 1)
        let eigen = try SymmetricEigen(symmetric: covarianceMatrix(x), n: f)
        // Ascending eigenvalues: the C largest are the last C.
        var whitening = [Double](repeating: 0, count: c * f)   // C × F: row i = e_i / √λ_i
        for i in 0..<c {
            let j = f - 1 - i
            let lambda = eigen.values[j]
            guard lambda > 1e-10 * max(eigen.values[f - 1], 1e-300) else {
                throw NicaError.numerical(message: "FastICA: the data span fewer than \(c) dimensions (eigenvalue \(i + 1) is \(lambda)); ask for fewer components with --latent-dim")
            }
            for r in 0..<f { whitening[i * f + r] = eigen.vectors[r * f + j] / lambda.squareRoot() }
        }
        var mean = [Float](repeating: 0, count: f)
        for r in 0..<n { for k in 0..<f { mean[k] += x[r, k] } }
        for k in 0..<f { mean[k] /= Float(n) }
        var centred = x
        for r in 0..<n { for k in 0..<f { centred[r, k] -= mean[k] } }
        let z = Self.multiplyTransposed(centred, Matrix(rows: c, cols: f, data: whitening.map(Float.init)))

        var rng = SeededRNG(seed: seed)
        var w = try Self.decorrelate((0..<(c * c)).map { _ in Double(rng.normal()) }, c)
        var iterations = 0, converged = false
        while iterations < maxIterations && !converged {
            iterations += 1
            let y = Self.multiplyTransposed(z, Matrix(rows: c, cols: c, data: w.map(Float.init)))
            var next = [Double](repeating: 0, count: c * c)
            var meanDerivative = [Double](repeating: 0, count: c)
            for r in 0..<n {
                for i in 0..<c {
                    let t = tanh(Double(y[r, i]))
                    meanDerivative[i] += 1 - t * t
                    for k in 0..<c { next[i * c + k] += t * Double(z[r, k]) }
                }
            }
            for i in 0..<c {
                for k in 0..<c { next[i * c + k] = next[i * c + k] / Double(n) - meanDerivative[i] / Double(n) * w[i * c + k] }
            }
            next = try Self.decorrelate(next, c)
            var change = 0.0
            for i in 0..<c {
                var dot = 0.0
                for k in 0..<c { dot += next[i * c + k] * w[i * c + k] }
                change = max(change, abs(1 - abs(dot)))
            }
            w = next
            converged = change < tolerance
        }
        components = Self.multiplyTransposed(z, Matrix(rows: c, cols: c, data: w.map(Float.init)))
        var b = [Float](repeating: 0, count: c * f)
        for i in 0..<c {
            for r in 0..<f {
                var s = 0.0
                for k in 0..<c { s += w[i * c + k] * whitening[k * f + r] }
                b[i * f + r] = Float(s)
            }
        }
        unmixing = Matrix(rows: c, cols: f, data: b)
        self.iterations = iterations
        self.converged = converged
    }

    /// Symmetric decorrelation W ← (WWᵀ)^{-1/2} W of a row-major `c × c` matrix, through the
    /// eigen-decomposition WWᵀ = E D Eᵀ, (WWᵀ)^{-1/2} = E D^{-1/2} Eᵀ.
    static func decorrelate(_ w: [Double], _ c: Int) throws -> [Double] {
        var gram = [Double](repeating: 0, count: c * c)
        for i in 0..<c { for j in 0..<c { for k in 0..<c { gram[i * c + j] += w[i * c + k] * w[j * c + k] } } }
        let e = try SymmetricEigen(symmetric: gram, n: c)
        var inverseRoot = [Double](repeating: 0, count: c * c)
        for i in 0..<c {
            for j in 0..<c {
                var s = 0.0
                for k in 0..<c { s += e.vectors[i * c + k] / max(e.values[k], 1e-300).squareRoot() * e.vectors[j * c + k] }
                inverseRoot[i * c + j] = s
            }
        }
        var out = [Double](repeating: 0, count: c * c)
        for i in 0..<c { for j in 0..<c { for k in 0..<c { out[i * c + j] += inverseRoot[i * c + k] * w[k * c + j] } } }
        return out
    }

    /// A Bᵀ for A `N × K` and B `C × K`: `N × C`, through sgemm.
    static func multiplyTransposed(_ a: Matrix, _ b: Matrix) -> Matrix {
        var out = Matrix(rows: a.rows, cols: b.rows)
        a.data.withUnsafeBufferPointer { ap in
            b.data.withUnsafeBufferPointer { bp in
                out.data.withUnsafeMutableBufferPointer { op in
                    gemm(transA: false, transB: true, m: a.rows, n: b.rows, k: a.cols, alpha: 1,
                         a: ap.baseAddress!, lda: a.cols, b: bp.baseAddress!, ldb: b.cols, beta: 0,
                         c: op.baseAddress!, ldc: b.rows)
                }
            }
        }
        return out
    }
}
