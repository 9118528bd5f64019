import Foundation
import XCTest
import Analysis
import NicaCore
import TestSupport

final class LinearMDLTests: XCTestCase {
    /// N observations of k unit-variance Laplace sources mixed by a random Gaussian p × k
    /// matrix, plus white noise 30 dB below the mean channel power.
    private func mixture(sources k: Int, channels p: Int, samples n: Int, seed: UInt64) -> Matrix {
        var rng = SeededRNG(seed: seed)
        let mixing = (0..<(p * k)).map { _ in Double(rng.normal()) }
        var signalPower = 0.0
        for i in 0..<(p * k) { signalPower += mixing[i] * mixing[i] }
        signalPower /= Double(p)
        let noiseStd = k == 0 ? 1 : (signalPower / 1000).squareRoot()
        var x = Matrix(rows: n, cols: p)
        var s = [Double](repeating: 0, count: k)
        for r in 0..<n {
            for j in 0..<k {
                // Laplace(0, 1/√2): unit variance.
                let u = rng.uniformDouble() - 0.5
                s[j] = -(u < 0 ? -1.0 : 1.0) * log(1 - 2 * abs(u)) / 2.0.squareRoot()
            }
            for c in 0..<p {
                var v = 0.0
                for j in 0..<k { v += mixing[c * k + j] * s[j] }
                x[r, c] = Float(v + noiseStd * Double(rng.normal()))
            }
        }
        return x
    }

    func testRecoversLinearSourceCount() throws {
        for k in [1, 2, 3, 5] {
            let x = mixture(sources: k, channels: 8, samples: 5000, seed: 100 + UInt64(k))
            XCTAssertEqual(try LinearMDL.estimate(features: x), k, "k = \(k)")
        }
    }

    /// Constant columns (as the Standardizer leaves them: exactly 0) are ignored.
    func testConstantColumnsAreIgnored() throws {
        let x = mixture(sources: 3, channels: 6, samples: 5000, seed: 21)
        var padded = Matrix(rows: x.rows, cols: 8)
        for r in 0..<x.rows {
            for c in 0..<6 { padded[r, c] = x[r, c] }
            padded[r, 6] = 0
            padded[r, 7] = 2.5
        }
        XCTAssertEqual(try LinearMDL.estimate(features: x), 3)
        XCTAssertEqual(try LinearMDL.estimate(features: padded), 3)
        XCTAssertEqual(try LinearMDL.estimate(features: Matrix(rows: 10, cols: 3)), 0)
    }

    func testWhiteNoiseHasNoSources() throws {
        let x = mixture(sources: 0, channels: 8, samples: 5000, seed: 7)
        XCTAssertEqual(try LinearMDL.estimate(features: x), 0)
    }

    func testEigenvaluesDirectly() {
        XCTAssertEqual(LinearMDL.estimate(eigenvalues: [10, 5, 1, 1, 1, 1], sampleCount: 1000), 2)
        XCTAssertEqual(LinearMDL.estimate(eigenvalues: [1, 1, 5, 1, 10, 1], sampleCount: 1000), 2)   // any order
        XCTAssertEqual(LinearMDL.estimate(eigenvalues: [2, 2, 2, 2], sampleCount: 1000), 0)
        XCTAssertEqual(LinearMDL.estimate(eigenvalues: [0, 0, 0], sampleCount: 50), 0)            // floor keeps logs finite
        XCTAssertEqual(LinearMDL.estimate(eigenvalues: [], sampleCount: 10), 0)
        // MDL(0) for equal eigenvalues is 0; the penalty grows with k.
        let values = LinearMDL.criterion(eigenvalues: [3, 3, 3], sampleCount: 100)
        XCTAssertEqual(values[0], 0, accuracy: 1e-9)
        XCTAssertEqual(values[1], 0.5 * 5 * log(100.0), accuracy: 1e-9)
    }

    func testRejectsTooFewRows() {
        XCTAssertThrowsError(try LinearMDL.estimate(features: Matrix(rows: 1, cols: 3)))
    }
}
