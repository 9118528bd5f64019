import Foundation
import XCTest
import Features
import NicaCore
import TestSupport

final class FastLogTests: XCTestCase {
    /// The vectorised log against Foundation.log (Float64) over the whole normal Float range:
    /// error ≤ 1e-6 · max(1, |log x|).
    func testAccuracyAgainstFoundationLog() {
        var rng = SeededRNG(seed: 5)
        var values: [Float] = (0..<100_000).map { _ in Float(exp(rng.uniform(-87, 88.7))) }
        values += (0..<10_000).map { _ in Float(rng.uniform(0.5, 2)) }
        values += [1, 2, 0.5, Float(1).nextUp, Float(1).nextDown, Float.leastNormalMagnitude,
                   Float.greatestFiniteMagnitude, 0.70710677, 1.4142135, 1e-30, 3.4e38]
        var buffer = values
        buffer.withUnsafeMutableBufferPointer { FastLog.logInPlace($0) }
        var worst = 0.0
        for (x, y) in zip(values, buffer) {
            let exact = Foundation.log(Double(x))
            let err = abs(Double(y) - exact) / max(1, abs(exact))
            worst = max(worst, err)
            XCTAssertEqual(FastLog.log(x), y)
        }
        XCTAssertLessThan(worst, 1e-6)
        // Always finite: zero and subnormals clamp to the smallest normal, +∞ to the largest finite.
        XCTAssertEqual(Double(FastLog.log(0)), Foundation.log(Double(Float.leastNormalMagnitude)), accuracy: 1e-4)
        XCTAssertTrue(FastLog.log(.infinity).isFinite)
        XCTAssertTrue(FastLog.log(-1).isFinite)
        var shifted: [Float] = [0, 1, 2]
        shifted.withUnsafeMutableBufferPointer { FastLog.logInPlace($0, adding: 1) }
        XCTAssertEqual(shifted[0], 0)
        XCTAssertEqual(Double(shifted[2]), Foundation.log(3.0), accuracy: 1e-6)
    }
}
