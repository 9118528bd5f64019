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
        settings.counting.maximumDependence = LatentDependence.overcountThreshold // automatic from 20 000 samples on
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(result.count.sources, 2, "KL per dim: \(result.statistics.klPerDimension)")
        XCTAssertEqual(result.latentMeans.rows, 6000)
        XCTAssertEqual(result.latentMeans.cols, 5)
        // A clean split: the weakest active dimension carries far more than the strongest inactive one.
        XCTAssertGreaterThan(result.count.gapRatio ?? 0, 10)
        // Two latents for two sources: nearly independent, so neither is dropped as redundant.
        let dependence = try XCTUnwrap(result.latentDependence)
        XCTAssertEqual(result.settings.counting.maximumDependence, LatentDependence.overcountThreshold)
        XCTAssertEqual(dependence.dimensions, result.count.informativeDimensions)
        XCTAssertEqual(result.count.activeDimensions, result.count.informativeDimensions)
        XCTAssertEqual(result.count.redundantDimensions, [])
        XCTAssertLessThan(dependence.mean, LatentDependence.overcountThreshold, "\(dependence.mutualInformation)")
        XCTAssertFalse(result.warnings.contains { $0.contains("not counted") })
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

    }

    /// Per-sample counting drops a latent that repeats another (the second a folded function
    /// of the first), from the means alone; the warning names it and the count it replaces.
    func testARedundantLatentIsNotCountedAndIsNamed() throws {
        var rng = SeededRNG(seed: 9)
        var means = Matrix(rows: 2000, cols: 3)
        for i in 0..<means.rows {
            means[i, 0] = rng.normal(); means[i, 1] = abs(means[i, 0]) + 0.05 * rng.normal(); means[i, 2] = 0.01 * rng.normal()
        }
        let stats = LatentStatistics(klPerDimension: [2, 1, 0.001], meanVariance: [1, 0.4, 0.0001],
                                     meanPosteriorVariance: [0.1, 0.2, 1])
        let config = FeatureConfig(window: 1, hop: 1, kind: .raw)
        let rule = CountingRule(maximumDependence: 0.33)
        let count = try SourceCounting.count(means: means, statistics: stats, rule: rule, features: config).count
        XCTAssertEqual(count.sources, 1)
        XCTAssertEqual(count.informativeDimensions, [0, 1])
        XCTAssertEqual(count.redundantDimensions, [1], "of two equally dependent latents the weaker goes")
        XCTAssertEqual(count.activeDimensions, [0])
        XCTAssertTrue(count.ambiguous)
        let warning = try XCTUnwrap(AnalysisPipeline.dependenceWarning(count, threshold: 0.33))
        XCTAssertTrue(warning.hasPrefix("z1 repeats what the other latents carry"), warning)
        XCTAssertTrue(warning.hasSuffix("counting every informative latent gives 2"), warning)
        XCTAssertNil(AnalysisPipeline.dependenceWarning(count, threshold: nil))

        let everyLatent = try SourceCounting.count(means: means, statistics: stats, rule: CountingRule(maximumDependence: 100),
                                                   features: config).count
        XCTAssertEqual(everyLatent.sources, 2)
        XCTAssertEqual(everyLatent.latentDependence, count.latentDependence)
        XCTAssertNil(AnalysisPipeline.dependenceWarning(everyLatent, threshold: 100))

        // The same two latents in a model with no third: with every latent informative the
        // dependence is measured, and nothing is dropped.
        let pair = means.gatherColumns([0, 1])
        let pairStats = LatentStatistics(klPerDimension: [2, 1], meanVariance: [1, 0.4], meanPosteriorVariance: [0.1, 0.2])
        let full = try SourceCounting.count(means: pair, statistics: pairStats, rule: rule, features: config).count
        XCTAssertEqual(full.sources, 2)
        XCTAssertEqual(full.redundantDimensions, [])
        XCTAssertEqual(full.activeDimensions, [0, 1])
        XCTAssertEqual(full.latentDependence?.mean ?? 0, count.latentDependence?.mean ?? 0, accuracy: 1e-12)
        XCTAssertGreaterThan(full.latentDependence?.mean ?? 0, 0.33)
        XCTAssertNil(AnalysisPipeline.dependenceWarning(full, threshold: 0.33))
        XCTAssertEqual(rule.dependenceThreshold(informative: 2, latentDimensions: 3), 0.33)
        XCTAssertNil(rule.dependenceThreshold(informative: 2, latentDimensions: 2))
        XCTAssertNil(CountingRule().dependenceThreshold(informative: 1, latentDimensions: 2))
    }

    /// The dependence threshold is chosen in per-sample mode with the isotropic prior and at
    /// least 20 000 time steps only; a threshold the caller chose always stands.
    func testDependenceThresholdDefaults() {
        let perSample = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), seed: 1)
        XCTAssertEqual(perSample.resolved(featureCount: 4, observationCount: 20_000, channelCount: 4).counting.maximumDependence,
                       LatentDependence.overcountThreshold)
        XCTAssertNil(perSample.resolved(featureCount: 4, observationCount: 19_999, channelCount: 4).counting.maximumDependence)
        var segmented = perSample
        segmented.segments = 10
        XCTAssertNil(segmented.resolved(featureCount: 4, observationCount: 20_000, channelCount: 4).counting.maximumDependence)
        let spectral = AnalysisSettings(features: FeatureConfig(window: 256, hop: 128, kind: .logpower), seed: 1)
        XCTAssertFalse(spectral.resolved(featureCount: 33, observationCount: 20_000, channelCount: 1).counting.checksDependence)
        var chosen = perSample
        chosen.counting.maximumDependence = 0.5
        XCTAssertEqual(chosen.resolved(featureCount: 4, observationCount: 1000, channelCount: 4).counting.maximumDependence, 0.5)
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
