import XCTest
import NicaCore
import Analysis

final class SourceCountTests: XCTestCase {
    func testKLPerDimensionMatchesFormula() {
        // Two observations, two dimensions: dimension 1 sits exactly at the prior.
        let mean = Matrix(rows: 2, cols: 2, data: [1, 0, -1, 0])
        let logVar = Matrix(rows: 2, cols: 2, data: [log(0.25), 0, log(0.25), 0])
        let s = LatentStatistics(mean: mean, logVariance: logVar)
        let expected = 0.5 * (1 + 0.25 - log(0.25) - 1)
        XCTAssertEqual(s.klPerDimension[0], expected, accuracy: 1e-6)
        XCTAssertEqual(s.klPerDimension[1], 0, accuracy: 1e-12)
        XCTAssertEqual(s.meanVariance[0], 2, accuracy: 1e-6) // sample variance of (1, −1)
        XCTAssertEqual(s.meanPosteriorVariance[0], 0.25, accuracy: 1e-6)
    }

    func testCountingRuleSortsAndSeparates() {
        let stats = LatentStatistics(klPerDimension: [0.01, 2.5, 0.002, 1.1],
                                     meanVariance: [0.001, 0.9, 0.0, 0.7],
                                     meanPosteriorVariance: [1, 0.01, 1, 0.05])
        let c = SourceCount(statistics: stats, rule: CountingRule(klThreshold: 0.1))
        XCTAssertEqual(c.sources, 2)
        XCTAssertEqual(c.activeDimensions, [1, 3])
        XCTAssertEqual(c.dimensionsByKL, [1, 3, 0, 2])
        XCTAssertEqual(c.activeUnits, 2)
        XCTAssertEqual(c.gapRatio ?? 0, 110, accuracy: 1e-9)
        XCTAssertFalse(c.ambiguous)
    }

    func testNarrowGapOrDisagreementIsAmbiguous() {
        let narrow = LatentStatistics(klPerDimension: [0.15, 0.09], meanVariance: [0.5, 0.3], meanPosteriorVariance: [1, 1])
        XCTAssertTrue(SourceCount(statistics: narrow, rule: CountingRule()).ambiguous)
        let disagree = LatentStatistics(klPerDimension: [2, 0.001], meanVariance: [0.5, 0.3], meanPosteriorVariance: [1, 1])
        let c = SourceCount(statistics: disagree, rule: CountingRule())
        XCTAssertEqual(c.activeUnits, 2)
        XCTAssertTrue(c.ambiguous)
    }

    /// Per-sample mode with a dependence threshold: the redundant latent leaves the count and
    /// the active dimensions, stays informative, and makes the count ambiguous. A rule without
    /// the threshold, or spectral mode, ignores the analysis.
    func testRedundantLatentsLeaveTheCount() throws {
        var rng = SeededRNG(seed: 1)
        var means = Matrix(rows: 2000, cols: 4)
        for i in 0..<means.rows {
            means[i, 0] = rng.normal(); means[i, 2] = rng.normal(); means[i, 3] = 0.01 * rng.normal()
            means[i, 1] = abs(means[i, 2]) + 0.05 * rng.normal()
        }
        let stats = LatentStatistics(klPerDimension: [1.5, 0.9, 2.0, 0.001], meanVariance: [1, 0.4, 1, 0.0001],
                                     meanPosteriorVariance: [0.1, 0.2, 0.1, 1])
        // An active-unit threshold that the redundant latent's variance misses, so that only
        // the dropped latent can make the count ambiguous.
        let rule = CountingRule(activeUnitThreshold: 0.5, maximumDependence: 0.33)
        XCTAssertTrue(rule.checksDependence)
        let informative = SourceCount.informativeDimensions(statistics: stats, rule: rule)
        XCTAssertEqual(informative, [2, 0, 1])
        let redundancy = try XCTUnwrap(RedundantLatents(means: means, dimensions: informative, threshold: 0.33))
        let c = SourceCount(statistics: stats, rule: rule, redundancy: redundancy)
        XCTAssertEqual(c.sources, 2)
        XCTAssertEqual(c.redundantDimensions.count, 1)
        XCTAssertTrue([1, 2].contains(c.redundantDimensions[0]))
        XCTAssertEqual(c.activeDimensions, informative.filter { $0 != c.redundantDimensions[0] })
        XCTAssertEqual(c.informativeDimensions, [2, 0, 1])
        XCTAssertEqual(c.latentDependence, redundancy.initial)
        XCTAssertEqual(c.activeUnits, 2)
        XCTAssertTrue(c.ambiguous)

        let plain = SourceCount(statistics: stats, rule: CountingRule(), redundancy: redundancy)
        XCTAssertEqual(plain.sources, 3)
        XCTAssertNil(plain.latentDependence)
        XCTAssertEqual(plain.redundantDimensions, [])
        XCTAssertFalse(CountingRule(minimumSmoothness: 0.3, maximumDependence: 0.33).checksDependence)
    }
}
