import XCTest
import NicaCore
import Analysis

final class MeanCorrelationTests: XCTestCase {
    func testHungarianFindsTheOptimumByBruteForce() {
        var rng = SeededRNG(seed: 3)
        for (rows, cols) in [(3, 3), (4, 6), (5, 5), (1, 4)] {
            let cost = (0..<(rows * cols)).map { _ in rng.uniformDouble() }
            let assignment = Hungarian.assign(cost: cost, rows: rows, cols: cols)
            XCTAssertEqual(Set(assignment).count, rows, "columns are distinct")
            let total = (0..<rows).reduce(0.0) { $0 + cost[$1 * cols + assignment[$1]] }
            // Brute force over all injective assignments.
            func best(_ row: Int, _ used: Set<Int>) -> Double {
                if row == rows { return 0 }
                var b = Double.infinity
                for c in 0..<cols where !used.contains(c) {
                    b = min(b, cost[row * cols + c] + best(row + 1, used.union([c])))
                }
                return b
            }
            XCTAssertEqual(total, best(0, []), accuracy: 1e-12, "\(rows)×\(cols)")
        }
    }

    func testPermutedScaledLatentsScoreOne() {
        var rng = SeededRNG(seed: 4)
        let n = 500
        let sources = Matrix(rows: n, cols: 2, data: (0..<(2 * n)).map { _ in rng.normal() })
        // Latent 2 = −3 × source 0, latent 0 = source 1 + 5, latent 1 = noise.
        var latents = Matrix(rows: n, cols: 3)
        for t in 0..<n {
            latents[t, 2] = -3 * sources[t, 0]
            latents[t, 0] = sources[t, 1] + 5
            latents[t, 1] = rng.normal()
        }
        let score = MeanCorrelation(sources: sources, latents: latents)
        XCTAssertEqual(score.mcc, 1, accuracy: 1e-6)
        XCTAssertEqual(score.matching, [2, 0])
    }

    func testIndependentNoiseScoresNearZero() {
        var rng = SeededRNG(seed: 5)
        let n = 20_000
        let a = Matrix(rows: n, cols: 1, data: (0..<n).map { _ in rng.normal() })
        let b = Matrix(rows: n, cols: 1, data: (0..<n).map { _ in rng.normal() })
        XCTAssertLessThan(MeanCorrelation(sources: a, latents: b).mcc, 0.03)
    }
}
