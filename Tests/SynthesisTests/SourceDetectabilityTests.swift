import Foundation
import NicaCore
@testable import Synthesis
import XCTest

/// The weakest-direction SNR written to `truth.json`: the network's Jacobian, the closed form
/// of a linear mixture, and how the figure follows the noise level.
final class SourceDetectabilityTests: XCTestCase {
    func testJacobianMatchesFiniteDifferences() throws {
        for activation in MixingActivation.allCases {
            var rng = SeededRNG(seed: 17)
            let network = try MixingNetwork.random(k: 3, m: 4, layers: 3, activation: activation,
                                                   maxCondition: 5, rng: &rng)
            let x = [0.7, -1.3, 0.4]
            let (output, jacobian) = network.jacobian(at: x)
            XCTAssertEqual(output, network.apply(to: x.map { [$0] }).map { $0[0] })
            let h = 1e-6
            for j in 0..<3 {
                var plus = x, minus = x
                plus[j] += h
                minus[j] -= h
                let up = network.apply(to: plus.map { [$0] }), down = network.apply(to: minus.map { [$0] })
                for r in 0..<4 {
                    XCTAssertEqual(jacobian[r * 3 + j], (up[r][0] - down[r][0]) / (2 * h), accuracy: 1e-6,
                                   "\(activation) ∂y\(r)/∂x\(j)")
                }
            }
        }
    }

    /// Linear mixing diag(1, 0.5) with noise variance 0.01 on both channels: in a segment
    /// where the sources have standard deviations σ₁, σ₂ the weakest direction's SNR is
    /// min(σ₁², 0.25 σ₂²) / 0.01; over three equal segments the median frame lies in the
    /// middle one of the three values.
    func testLinearMixtureHasTheClosedForm() throws {
        let network = MixingNetwork(layers: [MixingLayer(rows: 2, cols: 2, entries: [1, 0, 0, 0.5], conditionNumber: 2)],
                                    activation: nil)
        let segmentLength = 101
        let scales: [(Double, Double)] = [(1, 1), (3, 4), (0.5, 8)]
        var rng = SeededRNG(seed: 5)
        var sources: [[Double]] = [[], []]
        for (a, b) in scales {
            for _ in 0..<segmentLength {
                sources[0].append(a * Double(rng.normal()))
                sources[1].append(b * Double(rng.normal()))
            }
        }
        let snr = try XCTUnwrap(SourceDetectability.weakestDirectionSNRDB(
            network: network, sources: sources, segmentLength: segmentLength, noiseVariances: [0.01, 0.01]))
        let perSegment = (0..<3).map { s -> Double in
            let range = (s * segmentLength)..<((s + 1) * segmentLength)
            let v0 = ChannelArrays.variance(Array(sources[0][range]))
            let v1 = ChannelArrays.variance(Array(sources[1][range]))
            return min(v0, 0.25 * v1) / 0.01
        }.sorted()
        XCTAssertEqual(snr, 10 * log10(perSegment[1]), accuracy: 1e-9)
    }

    /// The sources and the mixture do not depend on the noise level, so 10 dB less noise
    /// lifts the weakest direction by exactly 10 dB; noiseless recordings have no figure.
    func testFigureFollowsTheNoiseLevel() throws {
        func weakest(_ snr: Double?) throws -> Double? {
            try SquareSpec(k: 4, frames: 2000, segmentLength: 200, layers: 3, activation: .tanhLinear,
                           snrDB: snr, seed: 8).generate().truth.weakestDirectionSNRDB
        }
        let at20 = try XCTUnwrap(weakest(20)), at30 = try XCTUnwrap(weakest(30))
        XCTAssertEqual(at30 - at20, 10, accuracy: 1e-9)
        XCTAssertNil(try weakest(nil))
        XCTAssertNil(try IVAESpec(k: 2, m: 2, segmentCount: 50, segmentLength: 1, snrDB: 30, seed: 2)
                        .generate().truth.weakestDirectionSNRDB, "one-sample segments have no spread")
        XCTAssertNotNil(try IVAESpec(k: 3, m: 3, segmentCount: 4, segmentLength: 100, snrDB: 30, seed: 2)
                            .generate().truth.weakestDirectionSNRDB)
    }
}
