import Foundation
import NicaCore
import Synthesis
import XCTest

final class NonlinearFamilyTests: XCTestCase {
    func testShapesAndTruth() throws {
        let r = try NonlinearSpec(k: 2, m: 4, frames: 600, segmentLength: 100, layers: 2,
                                  activation: .tanhLinear, snrDB: 30, seed: 3).generate()
        XCTAssertEqual(r.signal.channelCount, 4)
        XCTAssertEqual(r.signal.frameCount, 600)
        XCTAssertEqual(r.sources.rows, 600)
        XCTAssertEqual(r.sources.cols, 2)
        XCTAssertNil(r.envelopes)
        XCTAssertEqual(r.truth.family, .nonlinear)
        XCTAssertEqual(r.truth.layers, 2)
        XCTAssertEqual(r.truth.activation, .tanhLinear)
        XCTAssertEqual(r.truth.segmentCount, 6)
        XCTAssertEqual(r.truth.mixing.map(\.cols), [2, 4])
    }

    func testSquareFamilyHasKChannels() throws {
        let r = try SquareSpec(k: 3, frames: 600, segmentLength: 100, layers: 2).generate()
        XCTAssertEqual(r.truth.family, .square)
        XCTAssertEqual(r.truth.m, 3)
        XCTAssertEqual(r.signal.channelCount, 3)
        XCTAssertEqual(r.truth.mixing.map(\.rows), [3, 3])
        XCTAssertEqual(r.truth.mixing.map(\.cols), [3, 3])
        // Same draws as the equivalent nonlinear spec: only the label differs.
        let nonlinear = try SquareSpec(k: 3, frames: 600, segmentLength: 100, layers: 2).nonlinear.generate()
        XCTAssertEqual(r.signal, nonlinear.signal)
    }

    /// Rebuilds the noiseless observation from the recorded matrices: the activation follows
    /// the only layer when L = 1, and every layer but the last when L > 1.
    func testNetworkMatchesRecordedLayersAndActivationRule() throws {
        for layers in 1...3 {
            let r = try NonlinearSpec(k: 2, m: 3, frames: 300, segmentLength: 50, layers: layers,
                                      activation: .leakyReLU, snrDB: nil, seed: 12).generate()
            var worst = 0.0
            for t in 0..<300 {
                var h = (0..<2).map { Double(r.sources[t, $0]) }
                for (l, layer) in r.truth.mixing.enumerated() {
                    h = (0..<layer.rows).map { i in (0..<layer.cols).reduce(0.0) { $0 + Double(layer[i, $1]) * h[$1] } }
                    if layers == 1 || l < layers - 1 { h = h.map { MixingActivation.leakyReLU.apply($0) } }
                }
                for c in 0..<3 { worst = max(worst, abs(h[c] - Double(r.signal.samples[c * 300 + t]))) }
            }
            XCTAssertLessThan(worst, 1e-4, "L = \(layers)")
        }
    }

    /// A three-layer tanh+linear network must bend the data: the best affine fit of the
    /// observations from the sources leaves more than 5 % of the variance unexplained.
    func testTanhLinearNetworkIsNonlinear() throws {
        let r = try NonlinearSpec(k: 3, m: 5, frames: 3000, segmentLength: 150, layers: 3,
                                  activation: .tanhLinear, snrDB: nil, seed: 21).generate()
        let regressors = (0..<3).map { Stats.column(r.sources, $0) }
        let targets = (0..<5).map { Stats.channel(r.signal, $0) }
        XCTAssertGreaterThan(Stats.unexplainedFraction(targets: targets, regressors: regressors), 0.05)
    }

    func testSingleLayerLeakyReLUIsNonlinear() throws {
        let r = try NonlinearSpec(k: 3, m: 5, frames: 3000, segmentLength: 150, layers: 1,
                                  activation: .leakyReLU, snrDB: nil, seed: 21).generate()
        let regressors = (0..<3).map { Stats.column(r.sources, $0) }
        let targets = (0..<5).map { Stats.channel(r.signal, $0) }
        XCTAssertGreaterThan(Stats.unexplainedFraction(targets: targets, regressors: regressors), 0.05)
    }
}
