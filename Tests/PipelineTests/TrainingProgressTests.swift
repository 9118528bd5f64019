import XCTest
import Features
import Model
import NicaCore
import Pipeline
import Synthesis

/// The per-epoch progress events: one per epoch, in order, and the active-count estimate
/// is the final count when the probe covers the whole data set.
final class TrainingProgressTests: XCTestCase {
    func testOneEventPerEpochAndTheFinalEstimateIsTheCount() throws {
        let recording = try NonlinearSpec(k: 2, m: 3, frames: 500, layers: 1, seed: 3).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), hiddenSizes: [16, 16], seed: 2)
        settings.training.fixedEpochs = 7
        settings.restarts = 1
        var events: [TrainingProgress] = []
        var stages: [String] = []
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings) { event in
            switch event {
            case .stage(let name): stages.append(name)
            case .epoch(let p): events.append(p)
            }
        }
        XCTAssertEqual(stages, ["features", "training", "analysis"])
        XCTAssertEqual(events.map(\.record.epoch), Array(1...7))
        XCTAssertEqual(events.map(\.record), result.training.history)
        XCTAssertEqual(events.last?.activeEstimate, result.count.sources, "500 rows ≤ the probe size: the probe is the data")
        XCTAssertTrue(events.allSatisfy { $0.epochLimit == 7 })
        XCTAssertEqual(events.last?.etaSeconds, 0)
        XCTAssertEqual(zip(events, events.dropFirst()).filter { $0.0.elapsedSeconds > $0.1.elapsedSeconds }.count, 0)
        // Watching does not change the run.
        let unobserved = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(unobserved.latentMeans, result.latentMeans)
    }

    func testETAExtrapolatesTheMeanEpochTime() {
        let record = EpochRecord(epoch: 4, loss: 1, reconstruction: 0.5, kl: 0.5, learningRate: 1e-3)
        XCTAssertEqual(TrainingProgress(record: record, epochLimit: 10, activeEstimate: 1, elapsedSeconds: 8).etaSeconds, 12)
        XCTAssertNil(TrainingProgress(record: record, epochLimit: nil, activeEstimate: 1, elapsedSeconds: 8).etaSeconds)
    }
}
