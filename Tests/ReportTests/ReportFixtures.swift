import Features
import NicaCore
import Pipeline
import Report
import Synthesis

/// A small finished analysis shared by the report tests (trained once: a few epochs on a
/// short generated recording, enough for plots and exports to have real content).
enum ReportFixtures {
    static let recording: GeneratedRecording = try! NonlinearSpec(k: 2, m: 4, frames: 1500, layers: 1, seed: 8).generate()

    static let result: AnalysisResult = {
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), seed: 3)
        settings.training.fixedEpochs = 6
        return try! AnalysisPipeline.run(signal: recording.signal, settings: settings)
    }()

    static func document(_ result: AnalysisResult = result) -> ReportDocument {
        ReportDocument(result: result, input: .init(path: "cases/a&b <test>.csv", format: "CSV", channels: 4,
                                                     channelNames: ["ch0", "ch1", "ch2", "ch3"], frames: 1500,
                                                     sampleRate: 100, durationSeconds: 15),
                       versions: ["nica": NicaVersion.string, "fftw": "fftw-3.3.10"])
    }

    /// A document whose KL values are known: dims 2 and 0 active (KL 2.5 and 0.8 nats), the
    /// rest collapsed, the strongest collapsed one at 0.004 nats (gap ×200).
    static func knownKLDocument() -> ReportDocument {
        var d = document()
        d.klPerDim = [0.8, 0.001, 2.5, 0.004]
        d.dimsByKL = [2, 0, 3, 1]
        d.activeDims = [2, 0]
        d.informativeDims = [2, 0]
        d.sources = 2
        d.gapRatio = 200
        d.muVariance = [0.9, 0.0, 1.0, 0.001]
        d.settings.klThreshold = 0.1
        return d
    }
}

/// Occurrences of `needle` in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}
