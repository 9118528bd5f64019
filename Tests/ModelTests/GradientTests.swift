import Foundation
import XCTest
import NicaCore
import Model
import TestSupport

/// Every hand-written backward pass against central finite differences of its forward pass.
/// Float32 forward passes limit the attainable agreement; a tolerance of a few percent of the
/// largest gradient still catches any wrong sign, index or missing term.
final class GradientTests: XCTestCase {
    func testDenseLayerGradients() {
        var rng = SeededRNG(seed: 1)
        let b = 5, i = 4, o = 3
        for activation in [Activation.identity, .leakyReLU(slope: 0.2), .elu] {
            let inp = randomArray(b * i, &rng), w = randomArray(i * o, &rng), bias = randomArray(o, &rng)
            let upstream = randomArray(b * o, &rng)
            func forward(_ inp: [Float], _ w: [Float], _ bias: [Float]) -> Double {
                var out = [Float](repeating: 0, count: b * o)
                denseForward(out: &out, inp: inp, weight: w, bias: bias, batch: b, inSize: i, outSize: o, activation: activation)
                return zip(out, upstream).reduce(0) { $0 + Double($1.0) * Double($1.1) }
            }
            var out = [Float](repeating: 0, count: b * o)
            denseForward(out: &out, inp: inp, weight: w, bias: bias, batch: b, inSize: i, outSize: o, activation: activation)
            var dout = upstream
            var dw = [Float](repeating: 0, count: i * o), db = [Float](repeating: 0, count: o)
            var dinp = [Float](repeating: 0, count: b * i)
            denseBackward(dinp: &dinp, dweight: &dw, dbias: &db, dout: &dout, out: out, inp: inp, weight: w,
                          batch: b, inSize: i, outSize: o, activation: activation)
            assertGradient(dw, at: w, h: 1e-3) { forward(inp, $0, bias) }
            assertGradient(db, at: bias, h: 1e-3) { forward(inp, w, $0) }
            assertGradient(dinp, at: inp, h: 1e-3) { forward($0, w, bias) }
        }
    }

    /// The forward pass against the textbook loop, for batch sizes that are and are not powers
    /// of two (the bias is broadcast by doubling copies, whose last copy may be partial).
    func testDenseForwardMatchesNaiveLoop() {
        var rng = SeededRNG(seed: 4)
        let i = 3, o = 5
        for b in [1, 2, 3, 7, 8, 13] {
            let inp = randomArray(b * i, &rng), w = randomArray(i * o, &rng), bias = randomArray(o, &rng)
            var out = [Float](repeating: .nan, count: b * o)
            denseForward(out: &out, inp: inp, weight: w, bias: bias, batch: b, inSize: i, outSize: o,
                         activation: .leakyReLU(slope: 0.2))
            for r in 0..<b {
                for c in 0..<o {
                    let pre = bias[c] + (0..<i).reduce(Float(0)) { $0 + inp[r * i + $1] * w[$1 * o + c] }
                    XCTAssertEqual(out[r * o + c], pre > 0 ? pre : 0.2 * pre, accuracy: 1e-5, "batch \(b) row \(r) col \(c)")
                }
            }
        }
    }

    /// The ELU forward pass (fast exp on the negative side) against libm's expm1, on a batch
    /// of 13 rows whose pre-activations span both signs.
    func testELUForwardMatchesLibm() {
        var rng = SeededRNG(seed: 6)
        let b = 13, i = 4, o = 6
        let inp = randomArray(b * i, &rng, scale: 2), w = randomArray(i * o, &rng), bias = randomArray(o, &rng)
        var out = [Float](repeating: .nan, count: b * o)
        denseForward(out: &out, inp: inp, weight: w, bias: bias, batch: b, inSize: i, outSize: o, activation: .elu)
        var negatives = 0
        for r in 0..<b {
            for c in 0..<o {
                let pre = Double(bias[c]) + (0..<i).reduce(0.0) { $0 + Double(inp[r * i + $1]) * Double(w[$1 * o + c]) }
                if pre <= 0 { negatives += 1 }
                XCTAssertEqual(Double(out[r * o + c]), pre > 0 ? pre : Foundation.expm1(pre), accuracy: 1e-5, "row \(r) col \(c)")
            }
        }
        XCTAssertGreaterThan(negatives, 10, "the negative branch was exercised")
    }

    func testDenseBackwardAccumulatesIntoExistingGradients() {
        var rng = SeededRNG(seed: 2)
        let b = 3, i = 2, o = 2
        let inp = randomArray(b * i, &rng), w = randomArray(i * o, &rng), bias = randomArray(o, &rng)
        var out = [Float](repeating: 0, count: b * o)
        denseForward(out: &out, inp: inp, weight: w, bias: bias, batch: b, inSize: i, outSize: o, activation: .identity)
        var dout = [Float](repeating: 1, count: b * o)
        var dw = [Float](repeating: 10, count: i * o), db = [Float](repeating: 10, count: o)
        denseBackward(dinp: nil, dweight: &dw, dbias: &db, dout: &dout, out: out, inp: inp, weight: w,
                      batch: b, inSize: i, outSize: o, activation: .identity)
        XCTAssertEqual(db, [Float](repeating: 10 + Float(b), count: o))
        let colSum0 = (0..<b).reduce(Float(0)) { $0 + inp[$1 * i] }
        XCTAssertEqual(dw[0], 10 + colSum0, accuracy: 1e-5)
    }

    func testLatentTermGradients() {
        var rng = SeededRNG(seed: 3)
        let b = 4, k = 3
        var encoded = randomArray(b * 2 * k, &rng, scale: 0.7)
        encoded[2 * k - 1] = -20 // a clamped log-variance: its gradient must be zero
        let eps = randomArray(b * k, &rng), upstream = randomArray(b * k, &rng)
        let klWeight: Float = 0.7
        func loss(_ h: [Float]) -> Double {
            var z = [Float](repeating: 0, count: b * k)
            let kl = latentForward(z: &z, encoded: h, eps: eps, batch: b, latent: k)
            return zip(z, upstream).reduce(0) { $0 + Double($1.0) * Double($1.1) } + Double(klWeight) * kl / Double(b)
        }
        var dh = [Float](repeating: 0, count: b * 2 * k)
        latentBackward(dencoded: &dh, dz: upstream, encoded: encoded, eps: eps, batch: b, latent: k, klWeight: klWeight)
        XCTAssertEqual(dh[2 * k - 1], 0)
        assertGradient(dh, at: encoded, h: 1e-3) { loss($0) }
    }

    func testGaussianNLLGradients() {
        var rng = SeededRNG(seed: 4)
        let b = 5, f = 4
        let x = randomArray(b * f, &rng), xhat = randomArray(b * f, &rng)
        let logGamma = randomArray(f, &rng, scale: 0.5)
        var scratch = [Float](repeating: 0, count: 2 * f)
        func loss(_ xhat: [Float], _ lg: [Float]) -> Double {
            var d = [Float](repeating: 0, count: b * f), dg = [Float](repeating: 0, count: f)
            return gaussianNLLForwardBackward(dxhat: &d, dlogGamma: &dg, x: x, xhat: xhat, logGamma: lg,
                                              scratch: &scratch, batch: b, features: f) / Double(b)
        }
        var dxhat = [Float](repeating: 0, count: b * f), dlg = [Float](repeating: 0, count: f)
        let total = gaussianNLLForwardBackward(dxhat: &dxhat, dlogGamma: &dlg, x: x, xhat: xhat, logGamma: logGamma,
                                               scratch: &scratch, batch: b, features: f)
        // Value against the textbook density, in Float64.
        var expected = 0.0
        for r in 0..<b {
            for c in 0..<f {
                let v = exp(Double(logGamma[c])), d = Double(x[r * f + c] - xhat[r * f + c])
                expected += 0.5 * (d * d / v + log(2 * Double.pi * v))
            }
        }
        XCTAssertEqual(total, expected, accuracy: 1e-4 * abs(expected))
        assertGradient(dxhat, at: xhat, h: 1e-3) { loss($0, logGamma) }
        assertGradient(dlg, at: logGamma, h: 1e-3) { loss(xhat, $0) }
    }

    /// The whole ELBO objective: every parameter of a small VAE, with ε held fixed.
    func testFullObjectiveGradient() {
        for activation in HiddenActivation.allCases {
            checkFullObjectiveGradient(VAEArchitecture(inputSize: 5, hiddenSizes: [7, 6], latentSize: 3, leakySlope: 0.2,
                                                       hiddenActivation: activation))
        }
    }

    private func checkFullObjectiveGradient(_ arch: VAEArchitecture) {
        var rng = SeededRNG(seed: 5)
        let model = VAE(architecture: arch, rng: &rng)
        // Non-zero decoder log-variances so their gradient is exercised away from 0.
        var values = model.parameterValues
        for i in model.layout.decoderLogVariance..<model.layout.count { values[i] = rng.normal() * 0.3 }
        model.setParameterValues(values)
        let b = 6
        let x = randomArray(b * arch.inputSize, &rng)
        let eps = randomArray(b * arch.latentSize, &rng)
        let workspace = VAEWorkspace(model: model, batchCapacity: b)
        func loss(_ theta: [Float]) -> Double {
            model.setParameterValues(theta)
            for i in eps.indices { workspace.eps[i] = eps[i] }
            return workspace.lossAndGradient(model: model, input: x, batch: b, klWeight: 1).total
        }
        let theta = model.parameterValues
        _ = loss(theta)
        let analytic = Array(workspace.gradients)
        assertGradient(analytic, at: theta, h: 2e-3, tolerance: 0.02) { loss($0) }
        // The reported terms add up.
        let terms = workspace.lossAndGradient(model: model, input: x, batch: b)
        XCTAssertEqual(terms.total, terms.reconstruction + terms.kl, accuracy: 1e-9)
    }
}
