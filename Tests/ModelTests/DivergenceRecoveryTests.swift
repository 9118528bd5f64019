import NicaCore
import Model
import XCTest

/// The trainer's guard against non-finite losses: restore the last good epoch and halve the
/// learning rate, and give up with `NicaError.numerical` after four tries.
final class DivergenceRecoveryTests: XCTestCase {
    private func data() -> Matrix { CurveData.observations(seed: 5) }

    private func train(learningRate: Float) throws -> (TrainingSummary, VAE) {
        var rng = SeededRNG(seed: 1)
        let model = VAE(architecture: VAEArchitecture(inputSize: 4, hiddenSizes: [16], latentSize: 3), rng: &rng)
        var options = TrainingOptions()
        options.batchSize = 50
        options.learningRate = learningRate
        options.fixedEpochs = 4
        return (try Trainer.train(model: model, data: data(), options: options, rng: &rng), model)
    }

    func testOrdinaryStepSizeNeedsNoRecovery() throws {
        let (summary, _) = try train(learningRate: 1e-3)
        XCTAssertEqual(summary.recoveries, 0)
        XCTAssertEqual(summary.epochs, 4)
    }

    func testNonFiniteEpochIsUndoneAndTheRateHalved() throws {
        // 1e4 overflows Float32 in the first epoch on this data and seed; each retry halves it.
        let rate: Float = 1e4
        let (summary, model) = try train(learningRate: rate)
        XCTAssertGreaterThanOrEqual(summary.recoveries, 1)
        XCTAssertLessThanOrEqual(summary.recoveries, 4)
        XCTAssertEqual(summary.epochs, 4, "every epoch in the history is a good one")
        XCTAssertTrue(summary.history.allSatisfy { $0.loss.isFinite })
        XCTAssertTrue(model.parameterValues.allSatisfy { $0.isFinite })
        let halved = rate * Float(pow(0.5, Double(summary.recoveries)))
        XCTAssertEqual(summary.history[0].learningRate, halved, "the rate was halved once per recovery")
    }

    func testHopelessStepSizeIsANumericalError() {
        XCTAssertThrowsError(try train(learningRate: 1e30)) { error in
            guard case NicaError.numerical(let message)? = error as? NicaError else {
                return XCTFail("expected NicaError.numerical, got \(error)")
            }
            XCTAssertTrue(message.contains("after 4 recoveries"), message)
            XCTAssertTrue(message.contains("--learning-rate"), message)
        }
    }
}
