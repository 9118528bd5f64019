import Linalg
import NicaCore
import Synthesis
import XCTest

final class LinearFamilyTests: XCTestCase {
    func testShapesAndTruth() throws {
        let spec = LinearSpec(k: 3, m: 5, frames: 1050, segmentLength: 100, snrDB: 20, seed: 9)
        let r = try spec.generate()
        XCTAssertEqual(r.signal.channelCount, 5)
        XCTAssertEqual(r.signal.frameCount, 1050)
        XCTAssertEqual(r.signal.sampleRate, 100)
        XCTAssertEqual(r.sources.rows, 1050)
        XCTAssertEqual(r.sources.cols, 3)
        XCTAssertNil(r.envelopes)

        let t = r.truth
        XCTAssertEqual(t.family, .linear)
        XCTAssertEqual([t.k, t.m, t.frames, t.layers], [3, 5, 1050, 1])
        XCTAssertEqual(t.sampleRate, 100)
        XCTAssertEqual(t.snrDB, 20)
        XCTAssertEqual(t.seed, 9)
        XCTAssertNil(t.activation)
        XCTAssertEqual(t.outputGain, 1)
        XCTAssertEqual(t.segmentLength, 100)
        XCTAssertEqual(t.segmentCount, 11)                          // the last segment is partial
        XCTAssertEqual(t.segmentStandardDeviations?.count, 11)
        XCTAssertTrue(t.segmentStandardDeviations!.allSatisfy { $0.count == 3 && $0.allSatisfy { (0.5..<3).contains($0) } })
        XCTAssertEqual(t.mixing.count, 1)
        XCTAssertEqual(t.mixing[0].rows, 5)
        XCTAssertEqual(t.mixing[0].cols, 3)
        XCTAssertNil(t.bandCentresHz)

        for j in 0..<3 {
            let s = Stats.column(r.sources, j)
            XCTAssertEqual(Stats.mean(s), 0, accuracy: 1e-5)
            XCTAssertEqual(Stats.variance(s), 1, accuracy: 1e-4)
        }
    }

    /// Within each segment a source's spread follows the drawn standard deviation (up to the
    /// one global standardisation factor per source): the recording really is nonstationary.
    func testSourcesFollowSegmentScales() throws {
        let r = try LinearSpec(k: 2, m: 2, frames: 4000, segmentLength: 500, seed: 2).generate()
        let drawn = r.truth.segmentStandardDeviations!
        for j in 0..<2 {
            let s = Stats.column(r.sources, j)
            let ratios = (0..<8).map { seg in
                Stats.variance(Array(s[(seg * 500)..<((seg + 1) * 500)])).squareRoot() / drawn[seg][j]
            }
            let typical = Stats.mean(ratios)
            for ratio in ratios { XCTAssertEqual(ratio / typical, 1, accuracy: 0.25) }
        }
    }

    /// The observation is an exact linear image of the sources: the covariance has k
    /// eigenvalues far above the noise floor and m − k at it.
    func testCovarianceHasKSignalEigenvalues() throws {
        let k = 3, m = 6
        let r = try LinearSpec(k: k, m: m, frames: 4000, segmentLength: 200, snrDB: 40, seed: 11).generate()
        let observations = Matrix(rows: r.signal.frameCount, cols: m, data: r.signal.interleaved())
        let values = try SymmetricEigen(symmetric: covarianceMatrix(observations), n: m, computeVectors: false)
            .values.sorted(by: >)
        XCTAssertGreaterThan(values[k - 1] / values[k], 100, "eigenvalues \(values)")
        // The floor is noise only: its spread reflects the per-channel noise levels (each
        // relative to its channel's power), far less than the signal-to-floor gap.
        XCTAssertLessThan(values[k] / values[m - 1], 20, "eigenvalues \(values)")
    }

    func testMixtureIsExactlyTheRecordedMatrixTimesSources() throws {
        let r = try LinearSpec(k: 3, m: 4, frames: 500, segmentLength: 100, snrDB: nil).generate()
        let a = r.truth.mixing[0]
        var worst: Double = 0
        for t in 0..<500 {
            for c in 0..<4 {
                var x = 0.0
                for j in 0..<3 { x += Double(a[c, j]) * Double(r.sources[t, j]) }
                worst = max(worst, abs(x - Double(r.signal.samples[c * 500 + t])))
            }
        }
        XCTAssertLessThan(worst, 1e-5)
        let regressors = (0..<3).map { Stats.column(r.sources, $0) }
        let targets = (0..<4).map { Stats.channel(r.signal, $0) }
        XCTAssertLessThan(Stats.unexplainedFraction(targets: targets, regressors: regressors), 1e-8)
    }
}
