import NicaCore

/// Per-feature affine normalisation z = (x − μ) / σ, fitted on a feature matrix.
///
/// Why: features differ by orders of magnitude (DC vs. high bins, channels with different
/// gains); the VAE's optimiser and its unit-variance prior assume inputs of comparable,
/// unit scale. μ and σ are accumulated in Float64 with two passes (mean, then squared
/// deviations), so long recordings do not lose precision; σ is the population standard
/// deviation (divisor N), so the fitted data have exactly mean 0 and standard deviation 1.
///
/// A feature that is constant (σ = 0, or σ below Float32 resolution: σ ≤ 1e-6·|μ| or
/// σ < the smallest normal Float) would give 0/0 = NaN or amplify round-off to O(1)
/// values; its σ is replaced by 1, so it maps to exactly 0 (carrying no information),
/// and its column index is listed in `constantFeatures` for the report.
public struct Standardizer: Codable, Equatable, Sendable {
    /// Per-feature mean μ.
    public var mean: [Double]
    /// Per-feature scale σ (population standard deviation; 1 for constant features).
    public var std: [Double]
    /// Columns found constant during fitting (ascending).
    public var constantFeatures: [Int]

    public init(mean: [Double], std: [Double], constantFeatures: [Int] = []) {
        precondition(mean.count == std.count, "Standardizer: mean and std lengths differ")
        self.mean = mean
        self.std = std
        self.constantFeatures = constantFeatures
    }

    /// Number of features (columns) this standardizer expects.
    public var featureCount: Int { mean.count }

    /// Fits μ and σ to the columns of `x`. With no rows, every feature is constant (μ 0, σ 1).
    public static func fit(_ x: Matrix) -> Standardizer {
        let n = x.rows, f = x.cols
        var mean = [Double](repeating: 0, count: f)
        var sq = [Double](repeating: 0, count: f)
        x.data.withUnsafeBufferPointer { d in
            mean.withUnsafeMutableBufferPointer { mu in
                for r in 0..<n {
                    let row = r * f
                    for c in 0..<f { mu[c] += Double(d[row + c]) }
                }
                let inv = n > 0 ? 1.0 / Double(n) : 0
                for c in 0..<f { mu[c] *= inv }
                sq.withUnsafeMutableBufferPointer { s in
                    for r in 0..<n {
                        let row = r * f
                        for c in 0..<f {
                            let dev = Double(d[row + c]) - mu[c]
                            s[c] += dev * dev
                        }
                    }
                }
            }
        }
        var std = [Double](repeating: 1, count: f)
        var constant: [Int] = []
        for c in 0..<f {
            let sigma = n > 0 ? (sq[c] / Double(n)).squareRoot() : 0
            if sigma <= 1e-6 * abs(mean[c]) || sigma < Double(Float.leastNormalMagnitude) {
                constant.append(c)
            } else {
                std[c] = sigma
            }
        }
        return Standardizer(mean: mean, std: std, constantFeatures: constant)
    }

    /// Replaces every x[r, c] by (x[r, c] − μ_c) / σ_c (computed in Float64, stored as Float32).
    public func apply(_ x: inout Matrix) {
        precondition(x.cols == mean.count, "Standardizer: \(x.cols) columns, fitted on \(mean.count)")
        let f = x.cols, n = x.rows
        let inv = std.map { 1 / $0 }
        mean.withUnsafeBufferPointer { mu in
            inv.withUnsafeBufferPointer { s in
                x.data.withUnsafeMutableBufferPointer { d in
                    for r in 0..<n {
                        let row = r * f
                        for c in 0..<f { d[row + c] = Float((Double(d[row + c]) - mu[c]) * s[c]) }
                    }
                }
            }
        }
    }

    /// The inverse of `apply`: x[r, c] ← x[r, c]·σ_c + μ_c. Constant features come back as μ_c.
    public func invert(_ x: inout Matrix) {
        precondition(x.cols == mean.count, "Standardizer: \(x.cols) columns, fitted on \(mean.count)")
        let f = x.cols, n = x.rows
        mean.withUnsafeBufferPointer { mu in
            std.withUnsafeBufferPointer { s in
                x.data.withUnsafeMutableBufferPointer { d in
                    for r in 0..<n {
                        let row = r * f
                        for c in 0..<f { d[row + c] = Float(Double(d[row + c]) * s[c] + mu[c]) }
                    }
                }
            }
        }
    }
}
