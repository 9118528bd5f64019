import Linalg
import NicaCore

/// The linear step that turns the informative latents of a segment-conditioned VAE into
/// source estimates. The conditional prior p(z|u) = N(m_u, diag v_u) says the sources are
/// the directions whose covariance is diagonal in every segment; training reaches that
/// basis only approximately, so the posterior means are whitened and rotated by jointly
/// diagonalising their per-segment covariances (Pham & Cardoso, "Blind separation of
/// instantaneous mixtures of nonstationary sources", IEEE TSP 2001).
///
/// Unmixed column `dimensions[i]` holds y_i = Σ_j matrix[i, j] (z_{dimensions[j]} − offset_j):
/// zero mean, unit variance, ordered and signed to correlate positively with the latent
/// whose column it takes. Other columns are left as they are. Because the map is affine, an
/// unmixed column is still a posterior mean: that of the unmixed latent variable.
public struct SegmentUnmixing: Codable, Equatable, Sendable {
    /// Latent dimensions (columns) that are unmixed, ascending.
    public var dimensions: [Int]
    /// Mean of each of those columns over the training observations.
    public var offset: [Double]
    /// `k × k` row-major unmixing matrix, k = `dimensions.count`.
    public var matrix: [Double]
    /// Segments whose covariances were diagonalised (those with at least 2 observations).
    public var segments: Int
    /// Jacobi sweeps used.
    public var sweeps: Int
    /// Off-diagonal share of the whitened per-segment covariances before the rotation and
    /// after it (0 = exactly diagonal in every segment).
    public var offDiagonalBefore: Double
    public var offDiagonalAfter: Double

    /// Fits the unmixing of `dimensions` of `means` (`N × D`, one row per observation) with
    /// `segments[i]` the segment of observation i. Returns nil when there is nothing to
    /// unmix (no dimensions) or the columns are (numerically) linearly dependent.
    public static func fit(means: Matrix, segments: [Int32], dimensions: [Int]) throws -> SegmentUnmixing? {
        precondition(segments.count == means.rows)
        let dims = dimensions.sorted()
        let k = dims.count, n = means.rows, d = means.cols
        guard k >= 1, n >= 2 else { return nil }

        var offset = [Double](repeating: 0, count: k)
        for r in 0..<n { for (j, c) in dims.enumerated() { offset[j] += Double(means.data[r * d + c]) } }
        for j in 0..<k { offset[j] /= Double(n) }
        var centred = [Double](repeating: 0, count: n * k)
        for r in 0..<n { for (j, c) in dims.enumerated() { centred[r * k + j] = Double(means.data[r * d + c]) - offset[j] } }

        // Whitening W = Λ^{-1/2} Eᵀ from the overall covariance.
        let covariance = Self.covariance(centred, rows: 0..<n, k: k)
        let eigen = try SymmetricEigen(symmetric: covariance, n: k)
        guard let largest = eigen.values.last, largest > 0,
              eigen.values.allSatisfy({ $0 > largest * 1e-10 }) else { return nil }
        var whitening = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            let scale = 1 / eigen.values[i].squareRoot()
            for j in 0..<k { whitening[i * k + j] = eigen.vectors[j * k + i] * scale }
        }
        let white = Self.product(centred, whitening, rows: n, inner: k, cols: k, transposeB: true)

        // Per-segment covariances of the whitened latents (segments are contiguous or not:
        // gather the rows of each).
        let segmentCount = Int(segments.max() ?? 0) + 1
        var rowsOf = [[Int]](repeating: [], count: segmentCount)
        for (r, u) in segments.enumerated() { rowsOf[Int(u)].append(r) }
        let blocks = rowsOf.filter { $0.count >= 2 }.map { Self.covariance(white, rows: $0, k: k) }
        guard !blocks.isEmpty else { return nil }
        let before = JointDiagonalization.offDiagonalShare(blocks, n: k)
        let jd = JointDiagonalization(matrices: blocks, n: k)
        let v = jd.rotation
        // Unmixing rows: Vᵀ W.
        let unmixing = Self.product(v, whitening, rows: k, inner: k, cols: k, transposeA: true)
        let after = JointDiagonalization.offDiagonalShare(blocks.map { Self.congruence($0, v, k: k) }, n: k)

        // Cov(y_i, z_j) = (U C)_ij; each y_i has unit variance, so dividing by sd(z_j) gives
        // the correlation. Assign components to columns by the largest total |correlation|.
        var correlation = Self.product(unmixing, covariance, rows: k, inner: k, cols: k)
        var cost = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0..<k {
                correlation[i * k + j] /= covariance[j * k + j].squareRoot()
                cost[j * k + i] = -abs(correlation[i * k + j])
            }
        }
        let componentOfColumn = Hungarian.assign(cost: cost, rows: k, cols: k)
        var matrix = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            let i = componentOfColumn[j]
            let sign: Double = correlation[i * k + j] < 0 ? -1 : 1
            for l in 0..<k { matrix[j * k + l] = sign * unmixing[i * k + l] }
        }
        return SegmentUnmixing(dimensions: dims, offset: offset, matrix: matrix, segments: blocks.count,
                               sweeps: jd.sweeps, offDiagonalBefore: before, offDiagonalAfter: after)
    }

    /// Replaces the unmixed columns of `means` (`N × D`, D > every unmixed dimension) by the
    /// source estimates.
    public func apply(to means: inout Matrix) {
        let k = dimensions.count, d = means.cols
        precondition(dimensions.allSatisfy { $0 < d })
        var z = [Double](repeating: 0, count: k)
        for r in 0..<means.rows {
            for (j, c) in dimensions.enumerated() { z[j] = Double(means.data[r * d + c]) - offset[j] }
            for (i, c) in dimensions.enumerated() {
                var s = 0.0
                for j in 0..<k { s += matrix[i * k + j] * z[j] }
                means.data[r * d + c] = Float(s)
            }
        }
    }

    /// Sample covariance (divisor rows − 1) of the given rows of a centred `· × k` buffer.
    private static func covariance<Rows: Collection>(_ x: [Double], rows: Rows, k: Int) -> [Double] where Rows.Element == Int {
        var mean = [Double](repeating: 0, count: k)
        for r in rows { for j in 0..<k { mean[j] += x[r * k + j] } }
        let count = Double(rows.count)
        for j in 0..<k { mean[j] /= count }
        var c = [Double](repeating: 0, count: k * k)
        for r in rows {
            for i in 0..<k {
                let a = x[r * k + i] - mean[i]
                for j in i..<k { c[i * k + j] += a * (x[r * k + j] - mean[j]) }
            }
        }
        for i in 0..<k {
            for j in i..<k {
                c[i * k + j] /= max(count - 1, 1)
                c[j * k + i] = c[i * k + j]
            }
        }
        return c
    }

    /// Vᵀ m V for `k × k` row-major matrices.
    private static func congruence(_ m: [Double], _ v: [Double], k: Int) -> [Double] {
        product(v, product(m, v, rows: k, inner: k, cols: k), rows: k, inner: k, cols: k, transposeA: true)
    }

    /// op(A) · op(B) for small row-major Float64 matrices, op(A) `rows × inner` and op(B)
    /// `inner × cols` (op = transpose when asked); sums run over the inner index in order.
    private static func product(_ a: [Double], _ b: [Double], rows: Int, inner: Int, cols: Int,
                                transposeA: Bool = false, transposeB: Bool = false) -> [Double] {
        var out = [Double](repeating: 0, count: rows * cols)
        for i in 0..<rows {
            for j in 0..<cols {
                var s = 0.0
                for l in 0..<inner {
                    s += (transposeA ? a[l * rows + i] : a[i * inner + l]) * (transposeB ? b[j * inner + l] : b[l * cols + j])
                }
                out[i * cols + j] = s
            }
        }
        return out
    }
}

extension SegmentUnmixing {
    enum CodingKeys: String, CodingKey {
        case dimensions, offset, matrix, segments, sweeps
        case offDiagonalBefore = "off_diagonal_before"
        case offDiagonalAfter = "off_diagonal_after"
    }
}
