import NicaCore
import Analysis
import XCTest

/// The statistics gathered batch by batch equal those of the whole matrices, to the bit,
/// however the rows are split (the exports keep the means, the log-variances are not kept).
final class LatentStatisticsAccumulatorTests: XCTestCase {
    private func random(rows: Int, cols: Int, seed: UInt64, scale: Float) -> Matrix {
        var rng = SeededRNG(seed: seed)
        return Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { _ in rng.normal() * scale })
    }

    private func accumulate(_ mean: Matrix, _ logVar: Matrix, batches: [Int],
                            into accumulator: inout LatentStatistics.Accumulator) {
        var row = 0, turn = 0
        while row < mean.rows {
            let n = min(batches[turn % batches.count], mean.rows - row)
            turn += 1
            let k = mean.cols
            let m = Array(mean.data[(row * k)..<((row + n) * k)]), l = Array(logVar.data[(row * k)..<((row + n) * k)])
            accumulator.add(means: m, logVariances: l, rows: n)
            row += n
        }
        XCTAssertEqual(accumulator.rows, mean.rows)
    }

    func testBatchesGiveTheWholeMatrixStatistics() {
        let mean = random(rows: 1001, cols: 5, seed: 1, scale: 1.3)
        let logVar = random(rows: 1001, cols: 5, seed: 2, scale: 0.7)
        let whole = LatentStatistics(mean: mean, logVariance: logVar)
        for batches in [[1], [7], [1024], [300, 1, 77]] {
            var accumulator = LatentStatistics.Accumulator(latentCount: 5)
            accumulate(mean, logVar, batches: batches, into: &accumulator)
            XCTAssertEqual(accumulator.statistics, whole, "batches \(batches)")
        }
        // Not a tautology: other rows give other statistics.
        var partial = LatentStatistics.Accumulator(latentCount: 5)
        accumulate(Matrix(rows: 1000, cols: 5, data: Array(mean.data.prefix(5000))),
                   Matrix(rows: 1000, cols: 5, data: Array(logVar.data.prefix(5000))), batches: [100], into: &partial)
        XCTAssertNotEqual(partial.statistics, whole)
    }

    func testBatchesGiveTheConditionalStatistics() {
        let mean = random(rows: 400, cols: 3, seed: 3, scale: 1)
        let logVar = random(rows: 400, cols: 3, seed: 4, scale: 0.5)
        let priorMean = random(rows: 4, cols: 3, seed: 5, scale: 1), priorLogVar = random(rows: 4, cols: 3, seed: 6, scale: 0.3)
        let segments = (0..<400).map { Int32($0 / 100) }
        let whole = LatentStatistics(mean: mean, logVariance: logVar, segments: segments,
                                     priorMean: priorMean, priorLogVariance: priorLogVar)
        var accumulator = LatentStatistics.Accumulator(latentCount: 3, segments: segments, priorMean: priorMean,
                                                       priorLogVariance: priorLogVar)
        accumulate(mean, logVar, batches: [33, 101], into: &accumulator)
        XCTAssertEqual(accumulator.statistics, whole)
        XCTAssertNotEqual(whole.klPerDimension, LatentStatistics(mean: mean, logVariance: logVar).klPerDimension)
    }
}
