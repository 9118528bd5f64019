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

    /// A slow trace and a white one, rotated by 45° into two latents: each latent alone is
    /// half smooth, but the slow-component analysis finds exactly one slow direction.
    func testSlowComponentsAreRotationInvariant() throws {
        var rng = SeededRNG(seed: 2)
        let n = 5000
        var m = Matrix(rows: n, cols: 3)
        var slow: Float = 0
        for t in 0..<n {
            slow = 0.99 * slow + 0.14 * rng.normal()
            let white = rng.normal()
            m[t, 0] = (slow + white) / Float(2).squareRoot()
            m[t, 1] = (slow - white) / Float(2).squareRoot()
            m[t, 2] = 0.01 * rng.normal()
        }
        let single = TemporalSmoothness.lagAutocorrelation(m, lag: 2)
        XCTAssertEqual(single[0], 0.49, accuracy: 0.1)
        XCTAssertEqual(single[1], 0.49, accuracy: 0.1)
        let components = try SlowComponents(means: m, dimensions: [0, 1], lag: 2)
        XCTAssertEqual(components.autocorrelations.count, 2)
        XCTAssertEqual(components.autocorrelations[0], 0.98, accuracy: 0.02)
        XCTAssertEqual(components.autocorrelations[1], 0, accuracy: 0.05)
        XCTAssertEqual(components.count(threshold: 0.5), 1)

        let stats = LatentStatistics(klPerDimension: [2.0, 1.5, 0.01], meanVariance: [1, 0.8, 0.001],
                                     meanPosteriorVariance: [0.1, 0.2, 1])
        let spectral = SourceCount(statistics: stats, rule: CountingRule(minimumSmoothness: 0.5), slowComponents: components)
        XCTAssertEqual(spectral.sources, 1)
        XCTAssertEqual(spectral.informativeDimensions, [0, 1])
        XCTAssertEqual(spectral.activeDimensions.count, 1, "as many active dimensions as sources")
        // With per-latent smoothness the smoothest informative latent is the active one.
        let bySmoothness = SourceCount(statistics: stats, rule: CountingRule(minimumSmoothness: 0.5),
                                       slowComponents: components, smoothness: [0.2, 0.7, 0])
        XCTAssertEqual(bySmoothness.activeDimensions, [1])
        // Per-sample mode has no smoothness requirement: both informative latents count.
        XCTAssertEqual(SourceCount(statistics: stats, rule: CountingRule()).sources, 2)
    }
}
