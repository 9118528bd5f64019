import XCTest
import Features
import Pipeline

/// The automatic choices `AnalysisSettings.resolved` makes, and that explicit settings win.
final class AnalysisSettingsTests: XCTestCase {
    func testDefaultsDependOnTheMode() {
        let perSample = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw))
            .resolved(featureCount: 5, observationCount: 20_000, channelCount: 5)
        XCTAssertEqual(perSample.hiddenSizes, [128, 128])
        XCTAssertEqual(perSample.latentDimensions, 5)
        XCTAssertNil(perSample.counting.minimumSmoothness)

        let spectral = AnalysisSettings(features: FeatureConfig(window: 256, hop: 128, kind: .logpower))
            .resolved(featureCount: 66, observationCount: 3_749, channelCount: 2)
        XCTAssertEqual(spectral.hiddenSizes, [64, 64])
        XCTAssertEqual(spectral.latentDimensions, 16)
        XCTAssertEqual(spectral.counting.minimumSmoothness, 0.3)
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
}
