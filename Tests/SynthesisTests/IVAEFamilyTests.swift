import Foundation
import NicaCore
import Synthesis
import XCTest

final class IVAEFamilyTests: XCTestCase {
    func testProtocolShapesAndTruth() throws {
        let r = try IVAESpec(seed: 4).generate()
        XCTAssertEqual(r.signal.channelCount, 5)
        XCTAssertEqual(r.signal.frameCount, 40_000)
        XCTAssertEqual(r.sources.cols, 5)
        XCTAssertEqual(r.truth.family, .ivae)
        XCTAssertEqual(r.truth.segmentCount, 40)
        XCTAssertEqual(r.truth.segmentLength, 1000)
        XCTAssertEqual(r.truth.layers, 3)
        XCTAssertEqual(r.truth.activation, .tanhLinear)
        XCTAssertNil(r.truth.snrDB)
        XCTAssertEqual(r.truth.sourceDistribution, .gaussian)
        let threshold = try XCTUnwrap(r.truth.maxConditionNumber)
        for layer in r.truth.mixing {
            XCTAssertEqual(layer.rows, 5)
            XCTAssertEqual(layer.cols, 5)
            XCTAssertLessThan(try XCTUnwrap(layer.conditionNumber), threshold)
            for c in 0..<5 {
                let norm = (0..<5).reduce(0.0) { $0 + Double(layer[$1, c] * layer[$1, c]) }
                XCTAssertEqual(norm, 1, accuracy: 1e-5)
            }
        }
        let multipliers = try XCTUnwrap(r.truth.segmentStandardDeviations)
        XCTAssertEqual(multipliers.count, 40)
        XCTAssertTrue(multipliers.joined().allSatisfy { $0 >= 0.5 && $0 < 3 })
    }

    /// The threshold is the 25th percentile: about a quarter of fresh random draws fall below it.
    func testConditionThresholdIsTheLowerQuartile() throws {
        var rng = SeededRNG(seed: 9)
        let threshold = try IVAESpec.conditionThreshold(rows: 5, cols: 5, rng: &rng)
        var check = SeededRNG(seed: 10)
        var below = 0
        for _ in 0..<2000 {
            var m = Matrix(rows: 5, cols: 5)
            for i in 0..<25 { m.data[i] = Float(check.uniform(-1, 1)) }
            for c in 0..<5 {
                let norm = (0..<5).reduce(Float(0)) { $0 + m[$1, c] * m[$1, c] }.squareRoot()
                for r in 0..<5 { m[r, c] /= norm }
            }
            if try RandomMixing.conditionNumber(of: m) < threshold { below += 1 }
        }
        // Binomial(2000, 0.25) has a standard deviation of 0.01 in the fraction.
        XCTAssertEqual(Double(below) / 2000, 0.25, accuracy: 0.04)
        var again = SeededRNG(seed: 9)
        XCTAssertEqual(try IVAESpec.conditionThreshold(rows: 5, cols: 5, rng: &again), threshold)
    }

    /// Segment-wise standard deviations follow the drawn multipliers (up to the common
    /// standardisation factor), and the distribution option changes the tails.
    func testSegmentScalesAndDistribution() throws {
        for distribution in SourceDistribution.allCases {
            let r = try IVAESpec(k: 2, m: 2, segmentCount: 8, segmentLength: 4000, layers: 2,
                                 distribution: distribution, seed: 2).generate()
            let scales = try XCTUnwrap(r.truth.segmentStandardDeviations)
            var kurtosis = 0.0
            for j in 0..<2 {
                var ratios = [Double]()
                for u in 0..<8 {
                    let xs = (0..<4000).map { Double(r.sources[u * 4000 + $0, j]) }
                    let v = xs.reduce(0) { $0 + $1 * $1 } / 4000
                    let m4 = xs.reduce(0) { $0 + $1 * $1 * $1 * $1 } / 4000
                    ratios.append(v.squareRoot() / scales[u][j])
                    kurtosis += m4 / (v * v) / 16
                }
                let mean = ratios.reduce(0, +) / 8
                for ratio in ratios { XCTAssertEqual(ratio / mean, 1, accuracy: 0.06) }
            }
            // Excess kurtosis: 0 for Gaussian, 3 for Laplace.
            XCTAssertEqual(kurtosis - 3, distribution == .gaussian ? 0 : 3, accuracy: distribution == .gaussian ? 0.25 : 1)
        }
    }

    /// No activation after the last layer: the observation is the last matrix times the
    /// activated output of the layers before it.
    func testLastLayerIsLinear() throws {
        let r = try IVAESpec(k: 3, m: 3, segmentCount: 2, segmentLength: 50, layers: 3, seed: 5).generate()
        for t in [0, 17, 99] {
            var h = (0..<3).map { Double(r.sources[t, $0]) }
            for (l, layer) in r.truth.mixing.enumerated() {
                h = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + Double(layer[i, $1]) * h[$1] } }
                if l < 2 { h = h.map { tanh($0) + 0.1 * $0 } }
            }
            for c in 0..<3 { XCTAssertEqual(Double(Array(r.signal.channel(c))[t]), h[c], accuracy: 1e-4) }
        }
    }
}
