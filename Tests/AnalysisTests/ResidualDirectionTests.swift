import Analysis
import NicaCore
import XCTest

/// `ResidualDirection`: the most stationary principal direction of a residual.
final class ResidualDirectionTests: XCTestCase {
    /// `n` rows of `f` independent directions, rotated by a fixed orthogonal-ish mixing so
    /// that no direction is a channel. `scale(direction, row)` is each direction's standard
    /// deviation at a row; `laplace` draws Laplace instead of Gaussian values.
    private func residual(n: Int = 20_000, directions: [(scale: (Int) -> Double, laplace: Bool)], seed: UInt64) -> Matrix {
        var rng = SeededRNG(seed: seed)
        let f = directions.count
        // A rotation: Gram–Schmidt of a random matrix.
        var basis: [[Double]] = []
        while basis.count < f {
            var v = (0..<f).map { _ in Double(rng.normal()) }
            for b in basis {
                let d = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
                v = zip(v, b).map { $0 - d * $1 }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 1e-3 { basis.append(v.map { $0 / norm }) }
        }
        var x = Matrix(rows: n, cols: f)
        for t in 0..<n {
            for (j, direction) in directions.enumerated() {
                let value: Double
                if direction.laplace {
                    let u = rng.uniformDouble() - 0.5
                    value = -(u < 0 ? -1.0 : 1.0) * log(max(1 - 2 * abs(u), 1e-300)) / 2.0.squareRoot()
                } else {
                    value = Double(rng.normal())
                }
                for c in 0..<f { x.data[t * f + c] += Float(value * direction.scale(t) * basis[j][c]) }
            }
        }
        return x
    }

    /// Sources of nonlinear ICA: Laplace with a standard deviation that changes every 500 rows.
    private func nonstationary(seed: UInt64) -> (Int) -> Double {
        var rng = SeededRNG(seed: seed)
        let scales = (0..<100).map { _ in rng.uniform(0.5, 3) }
        return { scales[$0 / 500 % 100] }
    }

    func testStationaryGaussianNoiseScoresNearOne() throws {
        let unit: (Int) -> Double = { _ in 1 }
        let x = residual(directions: [(unit, false), (unit, false), (unit, false)], seed: 1)
        let direction = try XCTUnwrap(ResidualDirection(residual: x))
        XCTAssertEqual(direction.nonstationarity, 1, accuracy: 0.3)
        XCTAssertEqual(direction.excessKurtosis, 0, accuracy: 0.2)
    }

    /// Heavy tails alone do not look like a source: the kurtosis is divided out.
    func testStationaryHeavyTailedNoiseScoresNearOne() throws {
        let x = residual(directions: [({ _ in 1 }, true), ({ _ in 0.5 }, true)], seed: 2)
        let direction = try XCTUnwrap(ResidualDirection(residual: x))
        XCTAssertGreaterThan(direction.excessKurtosis, 2, "Laplace: excess kurtosis 3")
        XCTAssertEqual(direction.nonstationarity, 1, accuracy: 0.3)
    }

    /// With every direction following nonstationary sources there is no noise-like direction,
    /// and the score is well above the analysis threshold (1.5).
    func testNonstationarySourcesInEveryDirectionScoreHigh() throws {
        let x = residual(directions: (0..<3).map { (nonstationary(seed: 10 + UInt64($0)), true) }, seed: 3)
        let direction = try XCTUnwrap(ResidualDirection(residual: x))
        XCTAssertGreaterThan(direction.nonstationarity, 2.5)
    }

    /// One stationary noise direction among nonstationary ones, and not the largest: it is the
    /// one reported.
    func testTheNoiseDirectionIsFoundAmongSourceDirections() throws {
        let x = residual(directions: [(nonstationary(seed: 20), true), ({ _ in 1 }, false),
                                      (nonstationary(seed: 21), true)], seed: 4)
        let direction = try XCTUnwrap(ResidualDirection(residual: x))
        XCTAssertEqual(direction.nonstationarity, 1, accuracy: 0.3)
        XCTAssertEqual(direction.excessKurtosis, 0, accuracy: 0.3)
        XCTAssertLessThan(direction.varianceShare, 0.5, "the noise direction is the smaller one")
    }

    func testTooFewRowsGiveNoAnswer() throws {
        XCTAssertNil(try ResidualDirection(residual: Matrix(rows: 99, cols: 2, data: (0..<198).map { Float($0 % 7) })))
        XCTAssertNil(try ResidualDirection(residual: Matrix(rows: 1000, cols: 2)), "no residual variance")
    }
}
