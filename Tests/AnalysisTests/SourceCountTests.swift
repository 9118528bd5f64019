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
}
