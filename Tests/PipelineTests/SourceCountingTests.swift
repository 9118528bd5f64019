import XCTest
import Analysis
import NicaCore
@testable import Pipeline
import Synthesis
import Features

/// End to end on generated recordings with known truth: the pipeline must count the sources.
/// Small recordings keep the suite fast; the README's heavier checks cover the sample files.
final class SourceCountingTests: XCTestCase {
    func testPerSampleNonlinearMixtureIsCountedExactly() throws {
        let recording = try NonlinearSpec(k: 2, m: 5, frames: 6000, layers: 2, activation: .tanhLinear,
                                          snrDB: 30, seed: 3).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), seed: 1)
        settings.restarts = 1 // one converged run keeps the debug-build suite fast; restarts have their own test
        settings.hiddenSizes = [64, 64] // m > k: the default width is for square mixtures, and costs 4× in a debug build
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(result.count.sources, 2, "KL per dim: \(result.statistics.klPerDimension)")
        XCTAssertEqual(result.latentMeans.rows, 6000)
        XCTAssertEqual(result.latentMeans.cols, 5)
        // A clean split: the weakest active dimension carries far more than the strongest inactive one.
        XCTAssertGreaterThan(result.count.gapRatio ?? 0, 10)
        // Two latents for two sources: nearly independent, so the count is not flagged.
        let dependence = try XCTUnwrap(result.latentDependence)
        XCTAssertEqual(dependence.dimensions, result.count.activeDimensions)
        XCTAssertLessThan(dependence.mean, LatentDependence.overcountThreshold, "\(dependence.mutualInformation)")
        XCTAssertFalse(result.warnings.contains { $0.contains("depend on one another") })
    }

    /// A count of K − 1 (three sources in four channels) triggers the second training with
    /// the longer KL warm-up, whose result is reported along with the first round's counts;
    /// a warm-up the caller chose is never replaced.
    func testNearlyFullCountIsRetrainedWithTheLongerWarmup() throws {
        let recording = try NonlinearSpec(k: 3, m: 4, frames: 1000, layers: 1, snrDB: 30, seed: 2).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), seed: 1)
        settings.restarts = 1
        settings.hiddenSizes = [16, 16]
        settings.automaticWarmup = true
        let retrained = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(retrained.firstRoundCounts, [3])
        XCTAssertEqual(retrained.settings.training.klWarmupEpochs, AnalysisSettings.extendedWarmupEpochs)
        XCTAssertGreaterThan(retrained.training.epochs, AnalysisSettings.extendedWarmupEpochs)
        XCTAssertEqual(retrained.count.sources, 3)

        settings.automaticWarmup = false
        let chosen = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertNil(chosen.firstRoundCounts)
        XCTAssertEqual(chosen.settings.training.klWarmupEpochs, 100)
        XCTAssertLessThan(chosen.training.epochs, retrained.training.epochs)
    }

    func testSpectralMixtureIsCountedExactly() throws {
        let recording = try SpectralSpec(k: 2, m: 1, sampleRate: 8000, duration: 30, seed: 5).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 256, hop: 128, kind: .logpower), seed: 1)
        settings.automaticPooling = true
        settings.restarts = 1
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(result.count.sources, 2, "KL per dim: \(result.statistics.klPerDimension)")
        XCTAssertEqual(result.settings.features.poolBins, 4)
        XCTAssertEqual(result.featureCount, 33) // ceil(129 / 4) bins of one channel
        XCTAssertNil(result.latentDependence, "spectral mode counts slow components, not informative latents")
    }

    func testSameSeedGivesIdenticalResultAndOtherSeedDiffers() throws {
        let recording = try NonlinearSpec(k: 1, m: 3, frames: 2000, layers: 1, seed: 8).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw),
                                        hiddenSizes: [128, 128], seed: 4)
        settings.training.fixedEpochs = 5
        let a = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        let b = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(a.statistics, b.statistics)
        XCTAssertEqual(a.latentMeans, b.latentMeans)
        settings.seed = 5
        let c = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertNotEqual(a.latentMeans, c.latentMeans)
    }

    func testTooFewWindowsIsAClearError() throws {
        let signal = Signal(samples: [Float](repeating: 0.5, count: 1000), channelCount: 1, frameCount: 1000, sampleRate: 100)
        let settings = AnalysisSettings(features: FeatureConfig(window: 256, hop: 256, kind: .logpower))
        XCTAssertThrowsError(try AnalysisPipeline.run(signal: signal, settings: settings)) { error in
            guard case NicaError.invalidArgument(let argument, let message) = error else {
                return XCTFail("unexpected error \(error)")
            }
            XCTAssertEqual(argument, "--window")
            XCTAssertTrue(message.contains("3 observations"), message)
        }
    }
}

final class RestartTests: XCTestCase {
    /// With several restarts the kept run is the one with the lowest final objective, and the
    /// agreement is the share of restarts with the reported count.
    func testBestRestartIsKept() throws {
        let recording = try NonlinearSpec(k: 2, m: 4, frames: 3000, layers: 1, seed: 2).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw),
                                        hiddenSizes: [128, 128], seed: 3)
        settings.restarts = 3
        settings.training.fixedEpochs = 15
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(result.restarts.count, 3)
        let best = try XCTUnwrap(result.restarts.min { $0.finalLoss < $1.finalLoss })
        XCTAssertEqual(result.training.finalLoss, best.finalLoss)
        XCTAssertEqual(result.statistics.klPerDimension, best.klPerDimension)
        let agreeing = result.restarts.filter { $0.sources == result.count.sources }.count
        XCTAssertEqual(result.restartAgreement, Double(agreeing) / 3)
        XCTAssertNotEqual(result.restarts[0].finalLoss, result.restarts[1].finalLoss, "restarts start differently")
    }

    /// Spectral mode keeps the restart with the most slow components, and of those the one
    /// with the lowest final objective; the reported statistics are that run's. (On this
    /// recording the restarts counted 2, 3, 3 and the run with the lowest objective was a 2.)
    /// Restarts that disagree make the count ambiguous even when the counting rule does not.
    func testSpectralModeKeepsTheRestartWithTheMostSources() throws {
        let recording = try SpectralSpec(k: 3, m: 1, sampleRate: 8000, duration: 6, snrDB: 30, seed: 4).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 256, hop: 128, kind: .logpower, poolBins: 4),
                                        seed: 1)
        settings.restarts = 3
        settings.training.fixedEpochs = 30
        settings.training.klWarmupEpochs = 4
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(result.restarts.count, 3)
        let most = try XCTUnwrap(result.restarts.map(\.sources).max())
        XCTAssertEqual(result.count.sources, most)
        let kept = try XCTUnwrap(result.restarts.filter { $0.sources == most }.min { $0.finalLoss < $1.finalLoss })
        XCTAssertEqual(result.training.finalLoss, kept.finalLoss)
        XCTAssertEqual(result.statistics.klPerDimension, kept.klPerDimension)
        XCTAssertEqual(result.restarts.map(\.sources).sorted(), [2, 3, 3])
        var agreedByRule = result
        agreedByRule.count.ambiguous = false
        XCTAssertTrue(agreedByRule.isAmbiguous, "the restarts disagree")
        agreedByRule.restarts.removeAll { $0.sources != result.count.sources }
        XCTAssertFalse(agreedByRule.isAmbiguous, "unanimous restarts and a clear rule")

        // Active latents that share a source (the second a folded function of the first) make
        // it ambiguous again, and come with a warning.
        var rng = SeededRNG(seed: 9)
        var shared = Matrix(rows: 2000, cols: 2)
        for i in 0..<shared.rows { shared[i, 0] = rng.normal(); shared[i, 1] = abs(shared[i, 0]) + 0.05 * rng.normal() }
        agreedByRule.latentDependence = LatentDependence(means: shared, dimensions: [0, 1])
        XCTAssertTrue(agreedByRule.isAmbiguous, "latents that depend on one another")
        let warning = try XCTUnwrap(AnalysisPipeline.dependenceWarning(try XCTUnwrap(agreedByRule.latentDependence)))
        XCTAssertTrue(warning[0].contains("the count may be too high"), warning[0])
    }

    /// Sources first, then the objective; per-sample rules never count sources first.
    func testRestartChoiceOrder() {
        XCTAssertTrue(RestartChoice.isBetter(sources: 5, loss: 10, than: 4, loss: 1))
        XCTAssertFalse(RestartChoice.isBetter(sources: 4, loss: 1, than: 5, loss: 10))
        XCTAssertTrue(RestartChoice.isBetter(sources: 4, loss: 1, than: 4, loss: 2))
        XCTAssertFalse(RestartChoice.isBetter(sources: 4, loss: 2, than: 4, loss: 2))
        XCTAssertTrue(RestartChoice.prefersMostSources(CountingRule(minimumSmoothness: 0.3)))
        XCTAssertFalse(RestartChoice.prefersMostSources(CountingRule()))
    }
}
