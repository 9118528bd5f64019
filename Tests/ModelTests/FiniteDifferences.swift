import XCTest
import NicaCore

/// `n` standard normal draws times `scale`.
func randomArray(_ n: Int, _ rng: inout SeededRNG, scale: Float = 1) -> [Float] {
    (0..<n).map { _ in rng.normal() * scale }
}

/// Checks the analytic gradient `g` of `loss` at `x` against central differences, coordinate
/// by coordinate. Float32 forward passes limit the attainable agreement; a tolerance of a few
/// percent of the largest gradient still catches any wrong sign, index or missing term.
func assertGradient(_ g: [Float], at x: [Float], h: Float = 1e-2, tolerance: Double = 0.02,
                    _ loss: ([Float]) -> Double, file: StaticString = #filePath, line: UInt = #line) {
    let scale = max(g.map { Double(abs($0)) }.max() ?? 0, 1e-3)
    var worst = 0.0
    for i in x.indices {
        var plus = x, minus = x
        plus[i] += h
        minus[i] -= h
        let numeric = (loss(plus) - loss(minus)) / (2 * Double(h))
        worst = max(worst, abs(numeric - Double(g[i])) / scale)
    }
    XCTAssertLessThan(worst, tolerance, "worst |numeric − analytic| / max|g| = \(worst)", file: file, line: line)
}
