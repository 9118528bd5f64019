import XCTest
import NicaCore
import Linalg

final class GemmTests: XCTestCase {
    /// The OpenBLAS path agrees with the naive triple loop for every transpose combination.
    func testGemmMatchesReference() {
        var rng = SeededRNG(seed: 7)
        let m = 7, n = 5, k = 9
        for transA in [false, true] {
            for transB in [false, true] {
                let a = (0..<(m * k)).map { _ in rng.normal() }, b = (0..<(k * n)).map { _ in rng.normal() }
                let c0 = (0..<(m * n)).map { _ in rng.normal() }
                var fast = c0, slow = c0
                let lda = transA ? m : k, ldb = transB ? k : n
                gemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda,
                     b: b, ldb: ldb, beta: 2, c: &fast, ldc: n)
                referenceGemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: 0.5, a: a, lda: lda,
                              b: b, ldb: ldb, beta: 2, c: &slow, ldc: n)
                for i in fast.indices { XCTAssertEqual(fast[i], slow[i], accuracy: 1e-4, "transA \(transA) transB \(transB)") }
            }
        }
    }

    func testSymmetricEigenOfKnownMatrix() throws {
        // [[2,1],[1,2]] has eigenvalues 1 and 3 with eigenvectors (1,−1)/√2 and (1,1)/√2.
        let e = try SymmetricEigen(symmetric: [2, 1, 1, 2], n: 2)
        XCTAssertEqual(e.values[0], 1, accuracy: 1e-12)
        XCTAssertEqual(e.values[1], 3, accuracy: 1e-12)
        XCTAssertEqual(abs(e.vectors[0 * 2 + 1]), 1 / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(e.vectors[0 * 2 + 1] * e.vectors[1 * 2 + 1], 0.5, accuracy: 1e-12)
        XCTAssertEqual(e.vectors[0 * 2 + 0] * e.vectors[1 * 2 + 0], -0.5, accuracy: 1e-12)
    }

    func testCovarianceMatrix() {
        let x = Matrix(rows: 4, cols: 2, data: [1, 2, 2, 4, 3, 6, 4, 8])
        let c = covarianceMatrix(x)
        XCTAssertEqual(c[0], 5.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(c[1], 10.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(c[3], 20.0 / 3, accuracy: 1e-5)
    }
}

final class CovarianceInPlaceTests: XCTestCase {
    /// Centring in place gives the covariance of the copying version to the bit, and leaves
    /// the centred columns behind (mean ≈ 0).
    func testInPlaceMatchesCopy() {
        var rng = SeededRNG(seed: 5)
        let x = Matrix(rows: 301, cols: 6, data: (0..<(301 * 6)).map { i in rng.normal() + Float(i % 6) })
        var y = x
        let inPlace = covarianceMatrix(centringInPlace: &y)
        XCTAssertEqual(inPlace, covarianceMatrix(x))
        XCTAssertNotEqual(y, x)
        for c in 0..<6 {
            let mean = (0..<301).reduce(0.0) { $0 + Double(y[$1, c]) } / 301
            XCTAssertEqual(mean, 0, accuracy: 1e-5)
        }
    }
}
