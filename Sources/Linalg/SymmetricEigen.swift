import COpenBLAS
import NicaCore

/// Eigen-decomposition of a real symmetric matrix through LAPACK `dsyev`.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues in ascending order.
    public var values: [Double]
    /// Eigenvectors, row-major `n × n`: column `j` (`vectors[i * n + j]`) is the unit
    /// eigenvector of `values[j]`.
    public var vectors: [Double]
    public var n: Int

    /// Decomposes the symmetric `n × n` row-major matrix `a` (only one triangle is read).
    public init(symmetric a: [Double], n: Int, computeVectors: Bool = true) throws {
        precondition(a.count == n * n)
        self.n = n
        guard n > 0 else { values = []; vectors = []; return }
        // LAPACK is column-major; a symmetric matrix is its own transpose, and the returned
        // column-major eigenvector matrix read row-major is its transpose, fixed below.
        var work = a
        var w = [Double](repeating: 0, count: n)
        var nn = Int32(n), lda = Int32(n), info: Int32 = 0
        var jobz = Int8(UInt8(ascii: computeVectors ? "V" : "N"))
        var uplo = Int8(UInt8(ascii: "U"))
        var lwork: Int32 = -1
        var query = 0.0
        dsyev_(&jobz, &uplo, &nn, &work, &lda, &w, &query, &lwork, &info)
        lwork = Int32(max(1, Int(query)))
        var scratch = [Double](repeating: 0, count: Int(lwork))
        dsyev_(&jobz, &uplo, &nn, &work, &lda, &w, &scratch, &lwork, &info)
        guard info == 0 else {
            throw NicaError.numerical(message: "symmetric eigen-decomposition failed (LAPACK dsyev info \(info))")
        }
        values = w
        if computeVectors {
            var v = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { v[i * n + j] = work[j * n + i] } }
            vectors = v
        } else {
            vectors = []
        }
    }
}

/// Sample covariance (divisor `rows − 1`, in Float64) of the columns of `x`: `cols × cols`, row-major.
public func covarianceMatrix(_ x: Matrix) -> [Double] {
    var centred = x
    return covarianceMatrix(centringInPlace: &centred)
}

/// `covarianceMatrix(_:)` without a second copy of `x`, for a caller that needs `x` no
/// more: the columns are centred in place (afterwards `x` holds x − column mean, rounded to
/// Float32, the values the covariance is formed from), so the result is the same to the bit.
public func covarianceMatrix(centringInPlace x: inout Matrix) -> [Double] {
    let n = x.rows, f = x.cols
    var mean = [Double](repeating: 0, count: f)
    for r in 0..<n { for c in 0..<f { mean[c] += Double(x.data[r * f + c]) } }
    for c in 0..<f { mean[c] /= Double(max(n, 1)) }
    // Centre in Float32 and let sgemm form XᵀX; accumulate into Float64 afterwards.
    x.data.withUnsafeMutableBufferPointer { d in
        for r in 0..<n { for c in 0..<f { d[r * f + c] = d[r * f + c] - Float(mean[c]) } }
    }
    var gram = [Float](repeating: 0, count: f * f)
    x.data.withUnsafeBufferPointer { a in
        gram.withUnsafeMutableBufferPointer { g in
            gemm(transA: true, transB: false, m: f, n: f, k: n, alpha: 1,
                 a: a.baseAddress!, lda: f, b: a.baseAddress!, ldb: f, beta: 0, c: g.baseAddress!, ldc: f)
        }
    }
    let denom = Double(max(n - 1, 1))
    return gram.map { Double($0) / denom }
}
