import Foundation
import XCTest
import Features
import NicaCore
import TestSupport

final class StandardizerTests: XCTestCase {
    private func columnMoments(_ x: Matrix, _ c: Int) -> (mean: Double, std: Double) {
        var s = 0.0, s2 = 0.0
        for r in 0..<x.rows { let v = Double(x[r, c]); s += v; s2 += v * v }
        let mean = s / Double(x.rows)
        return (mean, (s2 / Double(x.rows) - mean * mean).squareRoot())
    }

    func testStandardizesAndRoundTrips() throws {
        var rng = SeededRNG(seed: 9)
        let rows = 2000, cols = 5
        var x = Matrix(rows: rows, cols: cols)
        for r in 0..<rows {
            x[r, 0] = rng.normal() * 1000 + 5e4       // large offset, large scale
            x[r, 1] = rng.normal() * 1e-3 - 2         // tiny scale
            x[r, 2] = 3.25                            // constant
            x[r, 3] = Float(rng.uniform(-1, 1))
            x[r, 4] = 0.1                             // constant, not exactly representable
        }
        let s = Standardizer.fit(x)
        XCTAssertEqual(s.featureCount, cols)
        XCTAssertEqual(s.constantFeatures, [2, 4])
        XCTAssertEqual(s.std[2], 1)
        var z = x
        s.apply(&z)
        XCTAssertTrue(z.data.allSatisfy { $0.isFinite })
        for c in [0, 1, 3] {
            let (mean, std) = columnMoments(z, c)
            XCTAssertEqual(mean, 0, accuracy: 1e-5, "column \(c)")
            XCTAssertEqual(std, 1, accuracy: 1e-5, "column \(c)")
        }
        for r in 0..<rows { XCTAssertEqual(z[r, 2], 0); XCTAssertEqual(z[r, 4], 0) }

        var back = z
        s.invert(&back)
        for r in 0..<rows {
            for c in 0..<cols {
                XCTAssertEqual(back[r, c], x[r, c], accuracy: 1e-6 * max(1, abs(x[r, c])), "(\(r), \(c))")
            }
        }

        let decoded = try JSONDecoder().decode(Standardizer.self, from: JSONEncoder().encode(s))
        XCTAssertEqual(decoded, s)
    }

    func testEmptyMatrixIsAllConstant() {
        let s = Standardizer.fit(Matrix(rows: 0, cols: 3))
        XCTAssertEqual(s.constantFeatures, [0, 1, 2])
        XCTAssertEqual(s.std, [1, 1, 1])
    }
}
