import Foundation
import NicaCore
import Model
import XCTest

/// `TrainingOptions.klWeight`: the weight β of the KL term once the warm-up has ended.
final class KLWeightTests: XCTestCase {
    private func data() -> Matrix { CurveData.observations(seed: 7) }

    private func finalKL(weight: Float) throws -> Double {
        var rng = SeededRNG(seed: 3)
        let model = VAE(architecture: VAEArchitecture(inputSize: 4, hiddenSizes: [16], latentSize: 3), rng: &rng)
        var options = CurveData.shortTraining()
        options.klWeight = weight
        let summary = try Trainer.train(model: model, data: data(), options: options, rng: &rng)
        return summary.history.suffix(5).reduce(0) { $0 + $1.kl } / 5
    }

    /// A lighter KL term lets the posteriors move further from the prior: with the same seed
    /// and data, β = 0.25 ends with more KL than the ELBO's β = 1.
    func testALighterKLTermKeepsMoreInformation() throws {
        let elbo = try finalKL(weight: 1), light = try finalKL(weight: 0.25)
        XCTAssertGreaterThan(light, elbo * 1.1, "KL with β = 0.25: \(light) nats, with β = 1: \(elbo) nats")
    }

    /// Options stored before the weight existed (model files) read as the ELBO, β = 1; a
    /// stored weight survives the round trip.
    func testStoredOptionsWithoutTheWeightReadAsTheELBO() throws {
        var options = TrainingOptions()
        options.klWeight = 0.8
        let stored = try JSONEncoder().encode(options)
        XCTAssertEqual(try JSONDecoder().decode(TrainingOptions.self, from: stored), options)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: stored) as? [String: Any])
        object.removeValue(forKey: "klWeight")
        let old = try JSONDecoder().decode(TrainingOptions.self, from: JSONSerialization.data(withJSONObject: object))
        XCTAssertEqual(old.klWeight, 1)
        XCTAssertEqual(old.klWarmupEpochs, options.klWarmupEpochs)
    }
}
