import Foundation
import XCTest
import Model
import NicaCore
import TestSupport

final class FastExpTests: XCTestCase {
    /// The vectorised exp(x) − 1 against Foundation.expm1 (Float64) over x ∈ [−100, 0]:
    /// absolute error ≤ 2e-7, exactly 0 at 0, −1 far out, and never below −1.
    func testAccuracyAgainstFoundationExpm1() {
        var rng = SeededRNG(seed: 8)
        var values: [Float] = (0..<100_000).map { _ in Float(rng.uniform(-100, 0)) }
        values += (0..<100_000).map { _ in -Float(exp(rng.uniform(-30, 2))) }
        values += [0, -0.0, -Float.leastNormalMagnitude, -1e-30, -0.34657359, -0.34657362, -Float(M_LN2),
                   -87, -87.5, -88, -1000, -.greatestFiniteMagnitude]
        var worst = 0.0
        for x in values {
            let y = FastExp.expm1NonPositive(x)
            let exact = Foundation.expm1(Double(x))
            worst = max(worst, abs(Double(y) - exact))
            XCTAssertGreaterThanOrEqual(y, -1, "x = \(x)")
            XCTAssertLessThanOrEqual(y, 0, "x = \(x)")
        }
        XCTAssertLessThan(worst, 2e-7)
        XCTAssertEqual(FastExp.expm1NonPositive(0), 0)
        XCTAssertEqual(FastExp.expm1NonPositive(-200), -1)
    }
}
