import XCTest
import NicaCore
import Analysis

final class TemporalSmoothnessTests: XCTestCase {
    func testSlowTraceIsSmoothAndWhiteNoiseIsNot() {
        var rng = SeededRNG(seed: 1)
        let n = 4000
        var m = Matrix(rows: n, cols: 3)
        var slow: Float = 0
        for t in 0..<n {
            slow = 0.98 * slow + 0.2 * rng.normal()   // AR(1), ρ(2) = 0.98² ≈ 0.96
            m[t, 0] = slow
            m[t, 1] = rng.normal()                     // white
            m[t, 2] = 3                                // constant
        }
        let rho = TemporalSmoothness.lagAutocorrelation(m, lag: 2)
        XCTAssertEqual(rho[0], 0.96, accuracy: 0.03)
        XCTAssertEqual(rho[1], 0, accuracy: 0.05)
        XCTAssertEqual(rho[2], 0)
    }

    func testNonOverlappingLag() {
        XCTAssertEqual(TemporalSmoothness.nonOverlappingLag(window: 256, hop: 128), 2)
        XCTAssertEqual(TemporalSmoothness.nonOverlappingLag(window: 256, hop: 100), 3)
        XCTAssertEqual(TemporalSmoothness.nonOverlappingLag(window: 256, hop: 256), 1)
        XCTAssertEqual(TemporalSmoothness.nonOverlappingLag(window: 1, hop: 1), 1)
    }

    func testRuleRejectsInformativeButWhiteDimensions() {
        let stats = LatentStatistics(klPerDimension: [2.0, 1.5, 0.01], meanVariance: [1, 0.8, 0.001],
                                     meanPosteriorVariance: [0.1, 0.2, 1])
        let rule = CountingRule(minimumSmoothness: 0.5)
        let c = SourceCount(statistics: stats, rule: rule, smoothness: [0.99, 0.05, 0.0])
        XCTAssertEqual(c.sources, 1)
        XCTAssertEqual(c.activeDimensions, [0])
        XCTAssertEqual(c.rejectedAsFluctuation, [1])
        // Without the smoothness requirement (per-sample mode) both count.
        XCTAssertEqual(SourceCount(statistics: stats, rule: CountingRule(), smoothness: [0.99, 0.05, 0.0]).sources, 2)
    }
}
