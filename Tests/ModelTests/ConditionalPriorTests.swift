import Foundation
import XCTest
import NicaCore
import Model
import TestSupport

/// The segment-conditioned prior p(z|u) = N(m_u, diag v_u): values, gradients against
/// central finite differences, and agreement with the isotropic twin at m = 0, log v = 0.
final class ConditionalPriorTests: XCTestCase {
    func testKLValueAgainstClosedForm() {
        let encoded: [Float] = [0.5, -1.0, 0.3, 0.2]   // one row: μ = (0.5, −1), log σ² = (0.3, 0.2)
        let mean: [Float] = [0, 0, 1.5, -0.5], logVar: [Float] = [0, 0, -0.4, 0.7]
        var z = [Float](repeating: 0, count: 2)
        let kl = conditionalLatentForward(z: &z, encoded: encoded, eps: [0, 0], segments: [1],
                                          priorMean: mean, priorLogVariance: logVar, batch: 1, latent: 2)
        var expected = 0.0
        for d in 0..<2 {
            let mu = Double(encoded[d]), lv = Double(encoded[2 + d])
            let m = Double(mean[2 + d]), lvp = Double(logVar[2 + d])
            expected += 0.5 * (lvp - lv + (exp(lv) + (mu - m) * (mu - m)) / exp(lvp) - 1)
        }
        XCTAssertEqual(kl, expected, accuracy: 1e-5)
        XCTAssertEqual(z, [0.5, -1.0])
    }

    func testStandardPriorMatchesIsotropicTwin() {
        var rng = SeededRNG(seed: 11)
        let b = 5, k = 3, u = 2
        let encoded = randomArray(b * 2 * k, &rng), eps = randomArray(b * k, &rng), dz = randomArray(b * k, &rng)
        let segments: [Int32] = [0, 1, 1, 0, 1]
        let zeros = [Float](repeating: 0, count: u * k)
        var z1 = [Float](repeating: 0, count: b * k), z2 = z1
        let kl1 = latentForward(z: &z1, encoded: encoded, eps: eps, batch: b, latent: k)
        let kl2 = conditionalLatentForward(z: &z2, encoded: encoded, eps: eps, segments: segments,
                                           priorMean: zeros, priorLogVariance: zeros, batch: b, latent: k)
        XCTAssertEqual(z1, z2)
        XCTAssertEqual(kl1, kl2, accuracy: 1e-5 * abs(kl1))
        var g1 = [Float](repeating: 0, count: b * 2 * k), g2 = g1
        var gm = zeros, gv = zeros
        latentBackward(dencoded: &g1, dz: dz, encoded: encoded, eps: eps, batch: b, latent: k, klWeight: 0.8)
        conditionalLatentBackward(dencoded: &g2, dPriorMean: &gm, dPriorLogVariance: &gv, dz: dz, encoded: encoded,
                                  eps: eps, segments: segments, priorMean: zeros, priorLogVariance: zeros,
                                  batch: b, latent: k, klWeight: 0.8)
        for i in g1.indices { XCTAssertEqual(g1[i], g2[i], accuracy: 1e-6) }
    }

    func testConditionalLatentGradients() {
        var rng = SeededRNG(seed: 12)
        let b = 6, k = 3, u = 3
        var encoded = randomArray(b * 2 * k, &rng, scale: 0.7)
        encoded[2 * k - 1] = -20 // a clamped posterior log-variance: zero gradient
        var mean = randomArray(u * k, &rng, scale: 0.5), logVar = randomArray(u * k, &rng, scale: 0.5)
        logVar[u * k - 1] = 9   // a clamped prior log-variance: zero gradient
        mean[u * k - 1] = 0.1
        let eps = randomArray(b * k, &rng), upstream = randomArray(b * k, &rng)
        let segments: [Int32] = [2, 0, 2, 1, 0, 2]
        let klWeight: Float = 0.7
        func loss(_ h: [Float], _ m: [Float], _ v: [Float]) -> Double {
            var z = [Float](repeating: 0, count: b * k)
            let kl = conditionalLatentForward(z: &z, encoded: h, eps: eps, segments: segments,
                                              priorMean: m, priorLogVariance: v, batch: b, latent: k)
            return zip(z, upstream).reduce(0) { $0 + Double($1.0) * Double($1.1) } + Double(klWeight) * kl / Double(b)
        }
        var dh = [Float](repeating: 0, count: b * 2 * k)
        // Prior gradients accumulate: start from a known offset and subtract it.
        var dm = [Float](repeating: 1, count: u * k), dv = [Float](repeating: 1, count: u * k)
        conditionalLatentBackward(dencoded: &dh, dPriorMean: &dm, dPriorLogVariance: &dv, dz: upstream,
                                  encoded: encoded, eps: eps, segments: segments, priorMean: mean,
                                  priorLogVariance: logVar, batch: b, latent: k, klWeight: klWeight)
        dm = dm.map { $0 - 1 }
        dv = dv.map { $0 - 1 }
        XCTAssertEqual(dh[2 * k - 1], 0)
        XCTAssertEqual(dv[u * k - 1], 0)
        assertGradient(dh, at: encoded, h: 1e-3) { loss($0, mean, logVar) }
        assertGradient(dm, at: mean, h: 1e-3) { loss(encoded, $0, logVar) }
        assertGradient(dv, at: logVar, h: 1e-3) { loss(encoded, mean, $0) }
    }

    func testLayoutAppendsPriorAndKeepsTheIsotropicLayout() {
        let plain = ParameterLayout(VAEArchitecture(inputSize: 5, hiddenSizes: [7], latentSize: 3))
        let conditioned = ParameterLayout(VAEArchitecture(inputSize: 5, hiddenSizes: [7], latentSize: 3, segmentCount: 4))
        XCTAssertNil(plain.priorMeans)
        XCTAssertEqual(plain.count, (5 * 7 + 7) + (7 * 6 + 6) + (3 * 7 + 7) + (7 * 5 + 5) + 5)
        XCTAssertEqual(conditioned.encoder, plain.encoder)
        XCTAssertEqual(conditioned.decoderLogVariance, plain.decoderLogVariance)
        XCTAssertEqual(conditioned.priorMeans, plain.count)
        XCTAssertEqual(conditioned.priorLogVariances, plain.count + 12)
        XCTAssertEqual(conditioned.count, plain.count + 24)
        XCTAssertEqual(conditioned.tensors.suffix(2).map(\.shape), [[4, 3], [4, 3]])
        XCTAssertEqual(conditioned.tensors.first { $0.name == "decoder.log_variance" }?.shape, [5])
    }

    func testArchitectureCodingKeepsSegmentsAndReadsOlderFiles() throws {
        let conditioned = VAEArchitecture(inputSize: 5, hiddenSizes: [7], latentSize: 3, segmentCount: 4)
        let data = try JSONEncoder().encode(conditioned)
        XCTAssertEqual(try JSONDecoder().decode(VAEArchitecture.self, from: data), conditioned)
        let older = #"{"inputSize":5,"hiddenSizes":[7],"latentSize":3,"leakySlope":0.2}"#
        let decoded = try JSONDecoder().decode(VAEArchitecture.self, from: Data(older.utf8))
        XCTAssertEqual(decoded.segmentCount, 0)
        XCTAssertEqual(decoded, VAEArchitecture(inputSize: 5, hiddenSizes: [7], latentSize: 3))
    }

    /// The whole objective with a conditional prior, every parameter (prior included), ε fixed.
    func testFullObjectiveGradientWithSegments() {
        var rng = SeededRNG(seed: 13)
        let arch = VAEArchitecture(inputSize: 4, hiddenSizes: [6], latentSize: 2, segmentCount: 3)
        let model = VAE(architecture: arch, rng: &rng)
        var values = model.parameterValues
        for i in model.layout.decoderLogVariance..<model.layout.count { values[i] = rng.normal() * 0.3 }
        model.setParameterValues(values)
        let b = 6
        let x = randomArray(b * arch.inputSize, &rng), eps = randomArray(b * arch.latentSize, &rng)
        let workspace = VAEWorkspace(model: model, batchCapacity: b)
        let segments: [Int32] = [0, 2, 1, 1, 2, 0]
        func loss(_ theta: [Float]) -> Double {
            model.setParameterValues(theta)
            for i in eps.indices { workspace.eps[i] = eps[i] }
            for i in segments.indices { workspace.segments[i] = segments[i] }
            return workspace.lossAndGradient(model: model, input: x, batch: b, klWeight: 1).total
        }
        let theta = model.parameterValues
        _ = loss(theta)
        let analytic = Array(workspace.gradients)
        let prior = model.layout.priorMeans!
        XCTAssertTrue(analytic[prior...].contains { abs($0) > 1e-3 }, "the prior parameters receive gradient")
        assertGradient(analytic, at: theta, h: 2e-3) { loss($0) }
    }

    /// Training moves the prior: segments with a larger spread of the data get larger v_u.
    func testTrainingLearnsSegmentVariances() throws {
        var rng = SeededRNG(seed: 14)
        let n = 2000
        var data = Matrix(rows: n, cols: 2)
        var segments = [Int32](repeating: 0, count: n)
        for r in 0..<n {
            let u = r * 2 / n
            segments[r] = Int32(u)
            let s = (u == 0 ? 0.4 : 1.6) * rng.normal()
            data[r, 0] = s
            data[r, 1] = -s + 0.05 * rng.normal()
        }
        let arch = VAEArchitecture(inputSize: 2, hiddenSizes: [16], latentSize: 1, segmentCount: 2)
        let model = VAE(architecture: arch, rng: &rng)
        var options = TrainingOptions()
        options.fixedEpochs = 40
        options.batchSize = 100
        options.learningRate = 3e-3
        _ = try Trainer.train(model: model, data: data, segments: segments, options: options, rng: &rng)
        let prior = try XCTUnwrap(model.conditionalPrior)
        // The variance ratio of the data is 16; the learned prior must see the segments differ.
        XCTAssertGreaterThan(prior.logVariance[1, 0] - prior.logVariance[0, 0], 1.5)
    }
}
