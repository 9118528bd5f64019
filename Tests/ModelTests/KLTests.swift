import XCTest
import NicaCore
import Model

/// The analytic KL(N(μ, σ²) ‖ N(0, 1)) against a Monte Carlo estimate of E_q[log q(z) − log p(z)].
final class KLTests: XCTestCase {
    func testAnalyticKLMatchesMonteCarlo() {
        var rng = SeededRNG(seed: 11)
        let cases: [(mu: Float, logVar: Float)] = [(0, 0), (1.5, -1), (-0.3, 0.8), (2, -4), (0.1, -0.05)]
        for c in cases {
            var z = [Float](repeating: 0, count: 1)
            let analytic = latentForward(z: &z, encoded: [c.mu, c.logVar], eps: [0], batch: 1, latent: 1)
            let sigma = exp(0.5 * Double(c.logVar)), mu = Double(c.mu)
            let samples = 200_000
            var sum = 0.0, sumSq = 0.0
            for _ in 0..<samples {
                let e = Double(rng.normal())
                let zz = mu + sigma * e
                // log q − log p; the ½log 2π terms cancel.
                let v = (-0.5 * e * e - log(sigma)) - (-0.5 * zz * zz)
                sum += v
                sumSq += v * v
            }
            let mean = sum / Double(samples)
            let stderr = sqrt(max(sumSq / Double(samples) - mean * mean, 0) / Double(samples))
            XCTAssertEqual(analytic, mean, accuracy: 4 * stderr + 1e-4, "μ=\(c.mu) log σ²=\(c.logVar)")
        }
    }

    func testReparameterisedSampleHasPosteriorMoments() {
        var rng = SeededRNG(seed: 12)
        let n = 50_000
        let encoded = (0..<n).flatMap { _ in [Float(0.7), Float(-1.2)] }
        let eps = (0..<n).map { _ in rng.normal() }
        var z = [Float](repeating: 0, count: n)
        _ = latentForward(z: &z, encoded: encoded, eps: eps, batch: n, latent: 1)
        let mean = z.reduce(0.0) { $0 + Double($1) } / Double(n)
        let variance = z.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(n - 1)
        XCTAssertEqual(mean, 0.7, accuracy: 0.01)
        XCTAssertEqual(variance, exp(-1.2), accuracy: 0.01)
    }
}
