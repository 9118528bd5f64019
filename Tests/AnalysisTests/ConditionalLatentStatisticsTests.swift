import Foundation
import NicaCore
import Analysis
import XCTest

final class ConditionalLatentStatisticsTests: XCTestCase {
    /// A posterior equal to its segment's prior carries no information: KL exactly 0; the
    /// other dimension's KL matches the closed form.
    func testPosteriorAtThePriorHasZeroKL() {
        let priorMean = Matrix(rows: 2, cols: 2, data: [1, 0, -2, 0])
        let priorLogVar = Matrix(rows: 2, cols: 2, data: [0.5, 0, -1, 0])
        // Dimension 0 sits at p(z|u); dimension 1 has μ = 1, log σ² = −1 against N(0, 1).
        let mean = Matrix(rows: 3, cols: 2, data: [1, 1, -2, 1, 1, 1])
        let logVar = Matrix(rows: 3, cols: 2, data: [0.5, -1, -1, -1, 0.5, -1])
        let stats = LatentStatistics(mean: mean, logVariance: logVar, segments: [0, 1, 0],
                                     priorMean: priorMean, priorLogVariance: priorLogVar)
        XCTAssertEqual(stats.klPerDimension[0], 0, accuracy: 1e-9)
        XCTAssertEqual(stats.klPerDimension[1], 0.5 * (1 + exp(-1) + 1 - 1), accuracy: 1e-6)
        // With the standard prior in every segment it is the isotropic statistic.
        let zeros = Matrix(rows: 2, cols: 2)
        let standard = LatentStatistics(mean: mean, logVariance: logVar, segments: [0, 1, 0],
                                        priorMean: zeros, priorLogVariance: zeros)
        let isotropic = LatentStatistics(mean: mean, logVariance: logVar)
        for d in 0..<2 { XCTAssertEqual(standard.klPerDimension[d], isotropic.klPerDimension[d], accuracy: 1e-12) }
        XCTAssertEqual(standard.meanVariance, isotropic.meanVariance)
    }
}
