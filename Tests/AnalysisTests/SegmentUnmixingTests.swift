import Foundation
import NicaCore
import Analysis
import XCTest

final class JointDiagonalizationTests: XCTestCase {
    /// A random orthogonal n × n matrix (row-major), from Gram–Schmidt on Gaussian columns.
    private func orthogonal(_ n: Int, rng: inout SeededRNG) -> [Double] {
        var q = (0..<(n * n)).map { _ in Double(rng.normal()) }
        for j in 0..<n {
            for p in 0..<j {
                var dot = 0.0
                for i in 0..<n { dot += q[i * n + j] * q[i * n + p] }
                for i in 0..<n { q[i * n + j] -= dot * q[i * n + p] }
            }
            var norm = 0.0
            for i in 0..<n { norm += q[i * n + j] * q[i * n + j] }
            for i in 0..<n { q[i * n + j] /= norm.squareRoot() }
        }
        return q
    }

    func testFindsTheCommonEigenvectorsOfExactlyJointlyDiagonalMatrices() {
        var rng = SeededRNG(seed: 4)
        let n = 5
        let q = orthogonal(n, rng: &rng)
        // C_k = Q D_k Qᵀ with distinct random diagonals.
        let matrices: [[Double]] = (0..<12).map { _ in
            let d = (0..<n).map { _ in 0.2 + 3 * rng.uniformDouble() }
            var c = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n { for l in 0..<n { c[i * n + j] += q[i * n + l] * d[l] * q[j * n + l] } } }
            return c
        }
        XCTAssertGreaterThan(JointDiagonalization.offDiagonalShare(matrices, n: n), 0.05)
        let jd = JointDiagonalization(matrices: matrices, n: n)
        XCTAssertTrue(jd.converged)
        // VᵀQ must be a signed permutation: one entry of magnitude 1 in every row.
        for i in 0..<n {
            var row = [Double](repeating: 0, count: n)
            for j in 0..<n { for l in 0..<n { row[j] += jd.rotation[l * n + i] * q[l * n + j] } }
            let magnitudes = row.map(abs).sorted()
            XCTAssertEqual(magnitudes.last!, 1, accuracy: 1e-8, "row \(i): \(row)")
            XCTAssertEqual(magnitudes[n - 2], 0, accuracy: 1e-6, "row \(i): \(row)")
        }
        // V is orthogonal.
        for i in 0..<n {
            for j in 0..<n {
                var dot = 0.0
                for l in 0..<n { dot += jd.rotation[l * n + i] * jd.rotation[l * n + j] }
                XCTAssertEqual(dot, i == j ? 1 : 0, accuracy: 1e-12)
            }
        }
    }

    func testLeavesDiagonalMatricesAlone() {
        let matrices: [[Double]] = [[1, 0, 0, 2], [3, 0, 0, 0.5]]
        let jd = JointDiagonalization(matrices: matrices, n: 2)
        XCTAssertEqual(jd.rotation, [1, 0, 0, 1])
        XCTAssertEqual(jd.sweeps, 1)
        XCTAssertEqual(JointDiagonalization.offDiagonalShare(matrices, n: 2), 0)
    }
}

final class SegmentUnmixingTests: XCTestCase {
    /// Gaussian sources whose standard deviations change from segment to segment (the
    /// iVAE protocol's sources), mixed linearly into `d` columns of which `dims` carry them.
    private func mixedLatents(k: Int, d: Int, dims: [Int], segments: Int, perSegment: Int, seed: UInt64)
        -> (sources: Matrix, latents: Matrix, segments: [Int32]) {
        var rng = SeededRNG(seed: seed)
        let n = segments * perSegment
        let scales = (0..<(segments * k)).map { _ in 0.5 + 2.5 * rng.uniformDouble() }
        var s = Matrix(rows: n, cols: k)
        for r in 0..<n { for j in 0..<k { s[r, j] = Float(scales[(r / perSegment) * k + j]) * rng.normal() } }
        let a = (0..<(k * k)).map { _ in Float(rng.uniform(-1, 1)) }
        var z = Matrix(rows: n, cols: d)
        for r in 0..<n {
            for c in 0..<d { z[r, c] = 0.01 * rng.normal() + 3 }   // unused dimensions: near-constant
            for (i, c) in dims.enumerated() {
                var v: Float = 0.7
                for j in 0..<k { v += a[i * k + j] * s[r, j] }
                z[r, c] = v
            }
        }
        return (s, z, (0..<n).map { Int32($0 / perSegment) })
    }

    func testRecoversNonstationarySourcesFromTheirLinearMixture() throws {
        let dims = [0, 2, 3, 5]
        let (s, z, u) = mixedLatents(k: 4, d: 6, dims: dims, segments: 30, perSegment: 400, seed: 9)
        let before = MeanCorrelation(sources: s, latents: z).mcc
        let unmixing = try XCTUnwrap(SegmentUnmixing.fit(means: z, segments: u, dimensions: [5, 3, 0, 2]))
        XCTAssertEqual(unmixing.dimensions, dims)
        XCTAssertEqual(unmixing.segments, 30)
        XCTAssertLessThan(unmixing.offDiagonalAfter, unmixing.offDiagonalBefore / 10)
        var unmixed = z
        unmixing.apply(to: &unmixed)
        let after = MeanCorrelation(sources: s, latents: unmixed)
        XCTAssertLessThan(before, 0.9)
        XCTAssertGreaterThan(after.mcc, 0.99, "before \(before)")
        // Untouched columns stay as they were; unmixed ones are centred with unit variance
        // and correlate positively with the latent whose column they took.
        for c in [1, 4] { for r in 0..<z.rows { XCTAssertEqual(unmixed[r, c], z[r, c]) } }
        for c in dims {
            let column = (0..<z.rows).map { Double(unmixed[$0, c]) }
            let original = (0..<z.rows).map { Double(z[$0, c]) }
            let mean = column.reduce(0, +) / Double(z.rows)
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(z.rows - 1)
            XCTAssertEqual(mean, 0, accuracy: 1e-5)
            XCTAssertEqual(variance, 1, accuracy: 1e-4)
            let om = original.reduce(0, +) / Double(z.rows)
            let covariance = zip(column, original).reduce(0) { $0 + $1.0 * ($1.1 - om) }
            XCTAssertGreaterThan(covariance, 0, "column \(c)")
        }
    }

    func testNothingToUnmixWithoutDimensionsOrWithDependentColumns() throws {
        let (_, z, u) = mixedLatents(k: 2, d: 3, dims: [0, 1], segments: 10, perSegment: 100, seed: 2)
        XCTAssertNil(try SegmentUnmixing.fit(means: z, segments: u, dimensions: []))
        var duplicated = z
        for r in 0..<z.rows { duplicated[r, 2] = 2 * z[r, 0] }
        XCTAssertNil(try SegmentUnmixing.fit(means: duplicated, segments: u, dimensions: [0, 2]))
    }

    func testRoundTripsThroughJSON() throws {
        let (_, z, u) = mixedLatents(k: 2, d: 2, dims: [0, 1], segments: 10, perSegment: 100, seed: 3)
        let unmixing = try XCTUnwrap(SegmentUnmixing.fit(means: z, segments: u, dimensions: [0, 1]))
        let decoded = try JSONDecoder().decode(SegmentUnmixing.self, from: JSONEncoder().encode(unmixing))
        XCTAssertEqual(decoded, unmixing)
    }
}
