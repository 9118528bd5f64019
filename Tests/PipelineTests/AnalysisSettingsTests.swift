import XCTest
import Features
import Model
import Pipeline
import Analysis

/// The automatic choices `AnalysisSettings.resolved` makes, and that explicit settings win.
final class AnalysisSettingsTests: XCTestCase {
    func testDefaultsDependOnTheMode() {
        let perSample = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
            .resolved(featureCount: 5, observationCount: 20_000, channelCount: 5)
        XCTAssertEqual(perSample.hiddenSizes, [256, 256])
        XCTAssertEqual(perSample.latentDimensions, 5)
        XCTAssertNil(perSample.counting.minimumSmoothness)

        let spectral = AnalysisSettings(features: FeatureConfig(window: 256, hop: 128, kind: .logpower))
            .resolved(featureCount: 66, observationCount: 3_749, channelCount: 2)
        XCTAssertEqual(spectral.hiddenSizes, [64, 64])
        XCTAssertEqual(spectral.latentDimensions, 16)
        XCTAssertEqual(spectral.counting.minimumSmoothness, 0.3)
        XCTAssertEqual(perSample.hiddenActivation, .leakyReLU)
        XCTAssertEqual(spectral.hiddenActivation, .leakyReLU)
    }

    /// The conditional prior trains with the smooth ELU unless the user chose.
    func testSegmentsDefaultToTheELU() {
        for configure in [{ (s: inout AnalysisSettings) in s.segments = 40 }, { s in s.segmentSeconds = 10 }] {
            var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
            configure(&settings)
            XCTAssertEqual(settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5).hiddenActivation, .elu)
            settings.hiddenActivation = .leakyReLU
            XCTAssertEqual(settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5).hiddenActivation, .leakyReLU)
        }
    }

    /// The conditional prior keeps the 128-wide layers its MCC was measured with; the counting
    /// VAE gets 256; an explicit width wins over both.
    func testHiddenWidthDependsOnThePrior() {
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
        settings.segments = 40
        XCTAssertEqual(settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5).hiddenSizes, [128, 128])
        settings.segments = nil
        XCTAssertEqual(settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5).hiddenSizes, [256, 256])
        settings.hiddenSizes = [32]
        XCTAssertEqual(settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5).hiddenSizes, [32])
    }

    /// The conditional prior trains with KL weight 0.8 unless the user chose; the plain VAE
    /// keeps the ELBO (weight 1), with which its count rule was measured.
    func testSegmentsDefaultToTheLowerKLWeight() {
        let plain = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
            .resolved(featureCount: 5, observationCount: 40_000, channelCount: 5)
        XCTAssertEqual(plain.klWeight, 1)
        XCTAssertEqual(plain.training.klWeight, 1)
        for configure in [{ (s: inout AnalysisSettings) in s.segments = 40 }, { s in s.segmentSeconds = 10 }] {
            var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
            configure(&settings)
            let resolved = settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5)
            XCTAssertEqual(resolved.training.klWeight, AnalysisSettings.conditionalPriorKLWeight)
            XCTAssertEqual(AnalysisSettings.conditionalPriorKLWeight, 0.8)
            settings.klWeight = 1
            XCTAssertEqual(settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5).training.klWeight, 1)
        }
    }

    /// The conditional prior refines its traces twice unless the user chose; without it
    /// there is nothing to refine.
    func testSegmentsDefaultToTwoRefinementPasses() {
        let plain = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
            .resolved(featureCount: 5, observationCount: 40_000, channelCount: 5)
        XCTAssertEqual(plain.refinements, 0)
        for configure in [{ (s: inout AnalysisSettings) in s.segments = 40 }, { s in s.segmentSeconds = 10 }] {
            var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
            configure(&settings)
            XCTAssertEqual(settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5).refinements,
                           AnalysisSettings.conditionalPriorRefinements)
            XCTAssertEqual(AnalysisSettings.conditionalPriorRefinements, 2)
            settings.refinements = 0
            XCTAssertEqual(settings.resolved(featureCount: 5, observationCount: 40_000, channelCount: 5).refinements, 0)
        }
    }

    func testExplicitChoicesAreKept() {
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), latentDimensions: 3,
                                        hiddenSizes: [16, 8])
        settings.counting.minimumSmoothness = 0.7
        let resolved = settings.resolved(featureCount: 5, observationCount: 20_000, channelCount: 5)
        XCTAssertEqual(resolved.hiddenSizes, [16, 8])
        XCTAssertEqual(resolved.latentDimensions, 3)
        XCTAssertEqual(resolved.counting.minimumSmoothness, 0.7)
    }

    /// The second training with the longer warm-up: per-sample mode, automatic warm-up and
    /// length, and a first count of K − 2 or K − 1 that is at least 3 only.
    func testExtendedWarmupOnlyWhenTheCountNearlyFillsTheLatents() {
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
        XCTAssertFalse(settings.needsExtendedWarmup(sources: 4, latentDimensions: 5), "the user chose the warm-up")
        settings.automaticWarmup = true
        XCTAssertEqual((0...6).map { settings.needsExtendedWarmup(sources: $0, latentDimensions: 6) },
                       [false, false, false, false, true, true, false])
        XCTAssertEqual((0...4).map { settings.needsExtendedWarmup(sources: $0, latentDimensions: 4) },
                       [false, false, false, true, false], "fewer than 3 sources found: never")
        var fixed = settings
        fixed.training.fixedEpochs = 200
        XCTAssertFalse(fixed.needsExtendedWarmup(sources: 4, latentDimensions: 5))
        var already = settings
        already.training.klWarmupEpochs = AnalysisSettings.extendedWarmupEpochs
        XCTAssertFalse(already.needsExtendedWarmup(sources: 4, latentDimensions: 5))
        var spectral = settings
        spectral.features = FeatureConfig(window: 256, hop: 128, kind: .logpower)
        XCTAssertFalse(spectral.needsExtendedWarmup(sources: 14, latentDimensions: 16))
    }

    /// The round with a decoder-variance ceiling: per-sample mode, automatic training, a
    /// count of K − 1 (at least 3) and no noise-like direction left in the residual.
    func testDecoderCeilingOnlyWhenACountOfKMinusOneLeftNoNoiseDirection() {
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
        let sourceLike = ResidualDirection(varianceShare: 0.3, nonstationarity: 1.9, excessKurtosis: 0.6)
        let noiseLike = ResidualDirection(varianceShare: 0.6, nonstationarity: 1.1, excessKurtosis: 0.1)
        XCTAssertFalse(settings.needsDecoderCeiling(informative: 7, latentDimensions: 8, residual: sourceLike),
                       "the user chose the training")
        settings.automaticWarmup = true
        XCTAssertEqual((0...8).map { settings.needsDecoderCeiling(informative: $0, latentDimensions: 8, residual: sourceLike) },
                       [false, false, false, false, false, false, false, true, false])
        XCTAssertFalse(settings.needsDecoderCeiling(informative: 7, latentDimensions: 8, residual: noiseLike))
        XCTAssertFalse(settings.needsDecoderCeiling(informative: 7, latentDimensions: 8, residual: nil))
        XCTAssertFalse(settings.needsDecoderCeiling(informative: 2, latentDimensions: 3, residual: sourceLike),
                       "fewer than 3 sources found: never")
        XCTAssertTrue(settings.needsDecoderCeiling(informative: 3, latentDimensions: 4, residual: sourceLike))
        var fixed = settings
        fixed.training.fixedEpochs = 200
        XCTAssertFalse(fixed.needsDecoderCeiling(informative: 7, latentDimensions: 8, residual: sourceLike))
        var segmented = settings
        segmented.segments = 10
        XCTAssertFalse(segmented.needsDecoderCeiling(informative: 7, latentDimensions: 8, residual: sourceLike))
        var spectral = settings
        spectral.features = FeatureConfig(window: 256, hop: 128, kind: .logpower)
        XCTAssertFalse(spectral.needsDecoderCeiling(informative: 15, latentDimensions: 16, residual: sourceLike))
    }

    /// The threshold lies between the measured residuals: the most source-like of a right
    /// count of K − 1 (1.35) and the least source-like of a miss by one it catches (1.54).
    func testResidualThresholdLiesBetweenMeasuredNoiseAndMeasuredMisses() {
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
        settings.automaticWarmup = true
        let rightCount = ResidualDirection(varianceShare: 0.76, nonstationarity: 1.35, excessKurtosis: 0.1)
        let miss = ResidualDirection(varianceShare: 0.29, nonstationarity: 1.54, excessKurtosis: 0.5)
        XCTAssertFalse(settings.needsDecoderCeiling(informative: 5, latentDimensions: 6, residual: rightCount))
        XCTAssertTrue(settings.needsDecoderCeiling(informative: 7, latentDimensions: 8, residual: miss))
    }
}
