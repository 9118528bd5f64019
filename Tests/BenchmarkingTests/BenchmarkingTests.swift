import Benchmarking
import XCTest

final class BenchmarkingTests: XCTestCase {
    func testRateSummaryMedianAndSpread() {
        let odd = RateSummary([5, 1, 3])
        XCTAssertEqual(odd.median, 3)
        XCTAssertEqual(odd.min, 1)
        XCTAssertEqual(odd.max, 5)
        let even = RateSummary([4, 1, 3, 10])
        XCTAssertEqual(even.median, 3.5)
        XCTAssertEqual(even.scaled(by: 2), RateSummary([8, 2, 6, 20]))
    }

    /// The flop counts per observation are the reference script's (it prints them:
    /// [1652736 flop/sample] and [279552 flop/sample] for spectral, 64512 and 11264 for
    /// per-sample), so GFLOP/s figures compare like with like.
    func testReferenceConfigurationsCountTheReferenceFlops() {
        XCTAssertEqual(ModelBenchmarkConfig.spectral.trainFlopsPerSample, 1_652_736)
        XCTAssertEqual(ModelBenchmarkConfig.spectral.encodeFlopsPerSample, 279_552)
        XCTAssertEqual(ModelBenchmarkConfig.perSample.trainFlopsPerSample, 64_512)
        XCTAssertEqual(ModelBenchmarkConfig.perSample.encodeFlopsPerSample, 11_264)
        XCTAssertEqual(ModelBenchmarkConfig.spectral.architecture.leakySlope, 0.01)
        XCTAssertEqual(ModelBenchmarkConfig.perSample.batchSize, 512)
    }

    func testModelBenchmarkTrainsAndTimesEveryBlock() {
        let settings = BenchmarkSettings(steps: 3, repeats: 3, warmup: 1, seed: 0)
        let result = ModelBenchmark.run(.perSample, settings: settings)
        XCTAssertTrue(result.finalLoss.isFinite)
        XCTAssertGreaterThan(result.trainSamplesPerSecond.min, 0)
        XCTAssertLessThanOrEqual(result.trainSamplesPerSecond.min, result.trainSamplesPerSecond.median)
        XCTAssertLessThanOrEqual(result.trainSamplesPerSecond.median, result.trainSamplesPerSecond.max)
        XCTAssertEqual(result.trainGFLOPS.median, result.trainSamplesPerSecond.median * 64_512 / 1e9, accuracy: 1e-9)
        XCTAssertGreaterThan(result.ceiling.encodeSamplesPerSecond.min, 0)
    }
}
