import Foundation
import NicaCore
import Model
import XCTest

/// `TrainingOptions.decoderLogVarianceCeiling` and `VAE.residualFromMeans`.
final class DecoderCeilingTests: XCTestCase {
    private func trained(ceiling: Float?) throws -> VAE {
        var rng = SeededRNG(seed: 5)
        let model = VAE(architecture: VAEArchitecture(inputSize: 4, hiddenSizes: [16], latentSize: 2), rng: &rng)
        var options = CurveData.shortTraining()
        options.decoderLogVarianceCeiling = ceiling
        _ = try Trainer.train(model: model, data: CurveData.observations(seed: 7), options: options, rng: &rng)
        return model
    }

    /// Without a ceiling the decoder log-variances of this small model stay above −3 on this
    /// data; with the ceiling at −3 every one of them ends at or below it.
    func testTheDecoderVarianceNeverExceedsTheCeiling() throws {
        let free = try trained(ceiling: nil).decoderLogVariance
        XCTAssertGreaterThan(free.max()!, -3, "the ceiling must bind for the test to mean anything: \(free)")
        let held = try trained(ceiling: -3).decoderLogVariance
        XCTAssertLessThanOrEqual(held.max()!, -3, "\(held)")
        XCTAssertEqual(held.max()!, -3, accuracy: 1e-6, "the ceiling binds where the free model sat above it")
    }

    /// Options stored before the ceiling existed read without one; a stored ceiling survives.
    func testStoredOptionsWithoutTheCeilingHaveNone() throws {
        var options = TrainingOptions()
        options.decoderLogVarianceCeiling = -4.5
        let stored = try JSONEncoder().encode(options)
        XCTAssertEqual(try JSONDecoder().decode(TrainingOptions.self, from: stored), options)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: stored) as? [String: Any])
        object.removeValue(forKey: "decoderLogVarianceCeiling")
        let old = try JSONDecoder().decode(TrainingOptions.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertNil(old.decoderLogVarianceCeiling)
    }

    /// The residual of the posterior means is the one training sees with ε = 0: the Gaussian
    /// NLL formed from it equals the training step's reconstruction term for z = μ.
    func testResidualFromMeansMatchesTheTrainingForwardPass() throws {
        let model = try trained(ceiling: nil)
        let x = CurveData.observations(seed: 11)
        let residual = model.residualFromMeans(x, batchSize: 37)
        XCTAssertEqual(residual.rows, x.rows)
        XCTAssertEqual(residual.cols, x.cols)
        let logGamma = model.decoderLogVariance.map(Double.init)
        var nll = 0.0
        for r in 0..<x.rows {
            for c in 0..<x.cols {
                let e = Double(residual.data[r * x.cols + c])
                nll += 0.5 * (e * e / exp(logGamma[c]) + logGamma[c] + log(2 * Double.pi))
            }
        }
        let workspace = VAEWorkspace(model: model, batchCapacity: x.rows)
        workspace.eps.update(repeating: 0, count: x.rows * model.architecture.latentSize)
        let loss = x.data.withUnsafeBufferPointer {
            workspace.lossAndGradient(model: model, input: $0.baseAddress!, batch: x.rows)
        }
        XCTAssertEqual(nll / Double(x.rows), loss.reconstruction, accuracy: 1e-3 * abs(loss.reconstruction) + 1e-4)
    }
}
