import Foundation
import XCTest
import Analysis
import NicaCore

/// Dropping latents that repeat the others: constructed traces whose redundancy is known.
final class RedundantLatentsTests: XCTestCase {
    private func laplaceMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
        var rng = SeededRNG(seed: seed)
        var m = Matrix(rows: rows, cols: columns)
        for i in 0..<m.data.count {
            let u = rng.uniform() - 0.5
            m.data[i] = (u < 0 ? 1 : -1) * log(1 - 2 * abs(u) + 1e-7)
        }
        return m
    }

    /// Three independent latents: nothing is dropped, and the one step is the dependence of all.
    func testIndependentLatentsAreAllKept() throws {
        let m = laplaceMatrix(rows: 2000, columns: 3, seed: 1)
        let r = try XCTUnwrap(RedundantLatents(means: m, dimensions: [2, 0, 1], threshold: 0.33))
        XCTAssertEqual(r.kept, [2, 0, 1])
        XCTAssertEqual(r.dropped, [])
        XCTAssertEqual(r.meanPerStep.count, 1)
        XCTAssertEqual(r.meanPerStep[0], r.initial.mean)
        XCTAssertEqual(r.initial.dimensions, [2, 0, 1])
    }

    /// One source spent on two latents (the second a folded function of the first) beside an
    /// independent one: one of the pair goes, and the other two are kept, independent again.
    func testAFoldedCopyIsDropped() throws {
        var m = laplaceMatrix(rows: 2000, columns: 3, seed: 2)
        var rng = SeededRNG(seed: 3)
        for i in 0..<m.rows { m[i, 1] = abs(m[i, 0]) + 0.05 * rng.normal() }
        let r = try XCTUnwrap(RedundantLatents(means: m, dimensions: [0, 1, 2], threshold: 0.33))
        XCTAssertEqual(r.dropped.count, 1, "\(r.meanPerStep)")
        XCTAssertTrue([0, 1].contains(r.dropped[0]))
        XCTAssertEqual(r.kept.count, 2)
        XCTAssertTrue(r.kept.contains(2), "the independent latent stays")
        XCTAssertEqual(r.meanPerStep.count, 2)
        XCTAssertGreaterThan(r.meanPerStep[0], 0.33)
        XCTAssertEqual(r.meanPerStep[1], 0, accuracy: 0.05)
    }

    /// One source traced by three latents along a curve (as a VAE does through three kinked
    /// layers): two are dropped, one after the other, and one latent is left.
    func testOneSourceOnThreeLatentsLeavesOne() throws {
        var rng = SeededRNG(seed: 4)
        var m = Matrix(rows: 2000, cols: 3)
        for i in 0..<m.rows {
            let s = rng.normal()
            m[i, 0] = s
            m[i, 1] = s * s + 0.02 * rng.normal()
            m[i, 2] = Float(sin(2 * Double(s))) + 0.02 * rng.normal()
        }
        let r = try XCTUnwrap(RedundantLatents(means: m, dimensions: [0, 1, 2], threshold: 0.33))
        XCTAssertEqual(r.kept.count, 1, "\(r.meanPerStep)")
        XCTAssertEqual(r.dropped.count, 2)
        XCTAssertEqual(Set(r.kept + r.dropped), [0, 1, 2])
        XCTAssertEqual(r.meanPerStep.count, 2, "the last step has one latent: no estimate")
    }

    /// Two latents are equally dependent on each other: the later (weaker) one is dropped.
    func testOfTwoTheWeakerGoes() throws {
        var rng = SeededRNG(seed: 5)
        var m = Matrix(rows: 2000, cols: 2)
        for i in 0..<m.rows { m[i, 0] = rng.normal(); m[i, 1] = m[i, 0] + 0.01 * rng.normal() }
        let r = try XCTUnwrap(RedundantLatents(means: m, dimensions: [1, 0], threshold: 0.33))
        XCTAssertEqual(r.initial.mutualInformation[0], r.initial.mutualInformation[1], accuracy: 1e-12)
        XCTAssertEqual(r.dropped, [0])
        XCTAssertEqual(r.kept, [1])
    }

    /// A higher threshold keeps what a lower one drops.
    func testTheThresholdDecides() throws {
        var m = laplaceMatrix(rows: 2000, columns: 2, seed: 6)
        var rng = SeededRNG(seed: 7)
        for i in 0..<m.rows { m[i, 1] = abs(m[i, 0]) + 0.05 * rng.normal() }
        let strict = try XCTUnwrap(RedundantLatents(means: m, dimensions: [0, 1], threshold: 0.33))
        let lenient = try XCTUnwrap(RedundantLatents(means: m, dimensions: [0, 1], threshold: 100))
        XCTAssertEqual(strict.kept.count, 1)
        XCTAssertEqual(lenient.kept, [0, 1])
        XCTAssertEqual(lenient.initial, strict.initial)
    }

    func testFewerThanTwoLatentsGiveNothing() {
        let m = laplaceMatrix(rows: 500, columns: 2, seed: 8)
        XCTAssertNil(RedundantLatents(means: m, dimensions: [1], threshold: 0.33))
        XCTAssertNil(RedundantLatents(means: m, dimensions: [], threshold: 0.33))
    }
}
