#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Approximate joint diagonalisation of real symmetric matrices by Jacobi rotations
/// (Cardoso & Souloumiac, "Jacobi angles for simultaneous diagonalization", SIAM J. Matrix
/// Anal. Appl. 1996): the orthogonal V that minimises the summed squared off-diagonal
/// entries of Vᵀ C_k V over all k, one plane rotation at a time.
public struct JointDiagonalization: Sendable {
    /// The orthogonal `n × n` matrix V, row-major; its columns are the common eigenvectors.
    public var rotation: [Double]
    public var n: Int
    /// Full sweeps over all pairs (p, q) performed.
    public var sweeps: Int
    /// False when `maxSweeps` ran out before every rotation angle fell below the tolerance.
    public var converged: Bool

    /// Jointly diagonalises `matrices` (each `n × n`, row-major, symmetric).
    /// - Parameters:
    ///   - tolerance: a sweep in which every rotation has |sin θ| below this ends the iteration.
    ///   - maxSweeps: upper bound on sweeps.
    public init(matrices: [[Double]], n: Int, tolerance: Double = 1e-10, maxSweeps: Int = 200) {
        precondition(matrices.allSatisfy { $0.count == n * n })
        self.n = n
        var c = matrices
        var v = [Double](repeating: 0, count: n * n)
        for i in 0..<n { v[i * n + i] = 1 }
        var sweeps = 0
        var converged = n < 2
        while !converged && sweeps < maxSweeps {
            sweeps += 1
            var rotated = false
            for p in 0..<(n - 1) {
                for q in (p + 1)..<n {
                    // The angle maximising the summed squared diagonal in the (p, q) plane is
                    // half the direction of G's leading eigenvector, G = Σ_k g_k g_kᵀ.
                    var g00 = 0.0, g01 = 0.0, g11 = 0.0
                    for m in c {
                        let a = m[p * n + p] - m[q * n + q], b = m[p * n + q] + m[q * n + p]
                        g00 += a * a; g01 += a * b; g11 += b * b
                    }
                    let ton = g00 - g11, toff = 2 * g01
                    let theta = 0.5 * atan2(toff, ton + (ton * ton + toff * toff).squareRoot())
                    let cs = cos(theta), sn = sin(theta)
                    guard abs(sn) > tolerance else { continue }
                    rotated = true
                    for k in c.indices { Self.rotate(&c[k], n: n, p: p, q: q, c: cs, s: sn) }
                    for i in 0..<n {
                        let vp = v[i * n + p], vq = v[i * n + q]
                        v[i * n + p] = cs * vp + sn * vq
                        v[i * n + q] = -sn * vp + cs * vq
                    }
                }
            }
            converged = !rotated
        }
        rotation = v
        self.sweeps = sweeps
        self.converged = converged
    }

    /// m ← Rᵀ m R for the plane rotation R in (p, q): R_pp = R_qq = c, R_pq = −s, R_qp = s.
    private static func rotate(_ m: inout [Double], n: Int, p: Int, q: Int, c: Double, s: Double) {
        for i in 0..<n {
            let mp = m[i * n + p], mq = m[i * n + q]
            m[i * n + p] = c * mp + s * mq
            m[i * n + q] = -s * mp + c * mq
        }
        for j in 0..<n {
            let mp = m[p * n + j], mq = m[q * n + j]
            m[p * n + j] = c * mp + s * mq
            m[q * n + j] = -s * mp + c * mq
        }
    }

    /// Share of the squared entries that lie off the diagonal, over all matrices
    /// (0 = jointly diagonal). The matrices are `n × n`, row-major.
    public static func offDiagonalShare(_ matrices: [[Double]], n: Int) -> Double {
        var off = 0.0, total = 0.0
        for m in matrices {
            for i in 0..<n {
                for j in 0..<n {
                    let e = m[i * n + j] * m[i * n + j]
                    total += e
                    if i != j { off += e }
                }
            }
        }
        return total > 0 ? off / total : 0
    }
}
