import Foundation
import XCTest
@testable import Analysis
import NicaCore

/// The KSG estimate of I(μ_j; μ_rest) against closed forms and constructed dependence.
final class LatentDependenceTests: XCTestCase {
    /// `rows × columns` of independent draws from `draw`.
    private func matrix(rows: Int, columns: Int, seed: UInt64, _ draw: (inout SeededRNG) -> Float) -> Matrix {
        var rng = SeededRNG(seed: seed)
        var m = Matrix(rows: rows, cols: columns)
        for i in 0..<m.data.count { m.data[i] = draw(&rng) }
        return m
    }

    private func laplace(_ rng: inout SeededRNG) -> Float {
        let u = rng.uniform() - 0.5
        return (u < 0 ? 1 : -1) * log(1 - 2 * abs(u) + 1e-7)
    }

    /// Bivariate Gaussian with correlation ρ: I = −½ ln(1 − ρ²), the same for both splits.
    func testGaussianPairMatchesTheClosedForm() throws {
        let rho: Float = 0.8
        var m = matrix(rows: 3000, columns: 2, seed: 1) { $0.normal() }
        for i in 0..<m.rows { m[i, 1] = rho * m[i, 0] + (1 - rho * rho).squareRoot() * m[i, 1] }
        let dependence = try XCTUnwrap(LatentDependence(means: m, dimensions: [0, 1]))
        let exact = -0.5 * log(1 - Double(rho * rho))   // 0.511 nats
        XCTAssertEqual(dependence.sampleCount, 3000)
        for value in dependence.mutualInformation { XCTAssertEqual(value, exact, accuracy: 0.04) }
    }

    /// Independent non-Gaussian latents: every estimate near zero, the mean below the threshold.
    func testIndependentLatentsAreNotFlagged() throws {
        let m = matrix(rows: 6000, columns: 4, seed: 2, laplace)
        let dependence = try XCTUnwrap(LatentDependence(means: m, dimensions: [3, 0, 2]))
        XCTAssertEqual(dependence.dimensions, [3, 0, 2])
        XCTAssertEqual(dependence.sampleCount, 3000, "thinned to every second row")
        for value in dependence.mutualInformation { XCTAssertEqual(value, 0, accuracy: 0.04) }
        XCTAssertLessThan(dependence.mean, LatentDependence.overcountThreshold)
    }

    /// Two latents spent on one source (the second a folded function of the first, as after a
    /// leaky-ReLU kink) beside an independent one: those two are strongly dependent, the third
    /// is not, and the mean crosses the threshold. No pair is linearly correlated, so a
    /// correlation test would miss it.
    func testLatentsSharingASourceAreFlagged() throws {
        var m = matrix(rows: 4000, columns: 3, seed: 3, laplace)
        var rng = SeededRNG(seed: 4)
        for i in 0..<m.rows { m[i, 1] = abs(m[i, 0]) + 0.05 * rng.normal() }
        let dependence = try XCTUnwrap(LatentDependence(means: m, dimensions: [0, 1, 2]))
        let mi = dependence.mutualInformation
        XCTAssertGreaterThan(mi[0], 1, "\(mi)")
        XCTAssertGreaterThan(mi[1], 1, "\(mi)")
        XCTAssertEqual(mi[2], 0, accuracy: 0.05)
        XCTAssertGreaterThan(dependence.mean, LatentDependence.overcountThreshold)
    }

    /// Rescaling a latent changes nothing: the traces are standardised before the max-norm.
    func testScaleOfALatentDoesNotMatter() throws {
        var m = matrix(rows: 2000, columns: 2, seed: 5) { $0.normal() }
        for i in 0..<m.rows { m[i, 1] = m[i, 0] * m[i, 0] + 0.3 * m[i, 1] }
        let before = try XCTUnwrap(LatentDependence(means: m, dimensions: [0, 1])).mutualInformation
        for i in 0..<m.rows { m[i, 1] = 1000 * m[i, 1] + 7 }
        let after = try XCTUnwrap(LatentDependence(means: m, dimensions: [0, 1])).mutualInformation
        for (b, a) in zip(before, after) { XCTAssertEqual(a, b, accuracy: 1e-3) }
    }

    func testFewerThanTwoLatentsOrAConstantTraceGiveNoEstimate() {
        var m = matrix(rows: 500, columns: 2, seed: 6) { $0.normal() }
        XCTAssertNil(LatentDependence(means: m, dimensions: [0]))
        for i in 0..<m.rows { m[i, 1] = 2 }
        XCTAssertNil(LatentDependence(means: m, dimensions: [0, 1]))
    }

    func testIntegerDigammaMatchesKnownValues() {
        let psi = IntegerDigamma(upTo: 10)
        XCTAssertEqual(psi[1], -0.5772156649, accuracy: 1e-9)
        XCTAssertEqual(psi[2], 0.4227843351, accuracy: 1e-9)
        XCTAssertEqual(psi[10], 2.2517525891, accuracy: 1e-9)
    }
}
