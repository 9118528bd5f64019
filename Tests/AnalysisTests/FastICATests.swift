import Foundation
import NicaCore
import Analysis
import XCTest

final class FastICATests: XCTestCase {
    /// k Laplace sources mixed linearly into k + 1 noisy channels.
    private func mixture(k: Int, n: Int, seed: UInt64) -> (sources: Matrix, x: Matrix) {
        var rng = SeededRNG(seed: seed)
        var s = Matrix(rows: n, cols: k)
        for r in 0..<n {
            for j in 0..<k {
                let u = rng.uniformDouble() - 0.5
                s[r, j] = Float(u < 0 ? log(1 + 2 * u) : -log(1 - 2 * u))
            }
        }
        let m = k + 1
        let a = (0..<(m * k)).map { _ in Float(rng.uniform(-1, 1)) }
        var x = Matrix(rows: n, cols: m)
        for r in 0..<n {
            for i in 0..<m {
                var v: Float = 0
                for j in 0..<k { v += a[i * k + j] * s[r, j] }
                x[r, i] = v + 0.01 * rng.normal()
            }
        }
        return (s, x)
    }

    func testRecoversLaplaceSourcesFromALinearMixture() throws {
        for k in 2...4 {
            let (s, x) = mixture(k: k, n: 5000, seed: UInt64(k))
            let ica = try FastICA(x: x, componentCount: k, seed: 1)
            XCTAssertTrue(ica.converged, "k = \(k): \(ica.iterations) iterations")
            XCTAssertEqual(ica.components.rows, 5000)
            XCTAssertEqual(ica.components.cols, k)
            let score = MeanCorrelation(sources: s, latents: ica.components)
            XCTAssertGreaterThan(score.mcc, 0.95, "k = \(k)")
            XCTAssertEqual(Set(score.matching).count, k)
            // The unmixing matrix reproduces the components from the centred data.
            var mean = [Float](repeating: 0, count: x.cols)
            for r in 0..<x.rows { for c in 0..<x.cols { mean[c] += x[r, c] / Float(x.rows) } }
            for r in [0, 1234] {
                for i in 0..<k {
                    var y: Float = 0
                    for c in 0..<x.cols { y += ica.unmixing[i, c] * (x[r, c] - mean[c]) }
                    XCTAssertEqual(y, ica.components[r, i], accuracy: 1e-3)
                }
            }
        }
    }

    func testComponentsAreWhiteAndTheRunIsDeterministic() throws {
        let (_, x) = mixture(k: 3, n: 3000, seed: 9)
        let a = try FastICA(x: x, componentCount: 3, seed: 4)
        let b = try FastICA(x: x, componentCount: 3, seed: 4)
        XCTAssertEqual(a.components, b.components)
        for i in 0..<3 {
            for j in 0..<3 {
                var dot = 0.0
                for r in 0..<3000 { dot += Double(a.components[r, i]) * Double(a.components[r, j]) }
                XCTAssertEqual(dot / 2999, i == j ? 1 : 0, accuracy: 1e-3)
            }
        }
    }

    func testStopsAtTheIterationLimitWithoutConverging() throws {
        let (_, x) = mixture(k: 3, n: 2000, seed: 5)
        let ica = try FastICA(x: x, componentCount: 3, seed: 1, tolerance: 1e-12, maxIterations: 2)
        XCTAssertFalse(ica.converged)
        XCTAssertEqual(ica.iterations, 2)
    }

    func testRejectsMoreComponentsThanTheDataSpan() {
        var x = Matrix(rows: 100, cols: 3)
        for r in 0..<100 { x[r, 0] = Float(r % 7); x[r, 1] = 2 * Float(r % 7); x[r, 2] = Float(r % 5) }
        XCTAssertThrowsError(try FastICA(x: x, componentCount: 3, seed: 1)) { error in
            guard case NicaError.numerical(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("fewer than 3 dimensions"), message)
        }
    }
}
