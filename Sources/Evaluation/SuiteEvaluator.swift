import Analysis
import Features
import Foundation
import NicaCore
import Pipeline
import SignalIO
import Synthesis

/// Runs the analysis on generated cases and scores it against their truth.
public enum SuiteEvaluator {
    /// The analysis settings for a case: per-sample families in per-sample mode; the spectral
    /// family with 256-sample windows, hop 128, log-power features and automatic pooling.
    public static func settings(for truth: GenerationTruth, template: AnalysisSettings) -> AnalysisSettings {
        var s = template
        if truth.family == .spectral {
            s.features = FeatureConfig(window: 256, hop: 128, kind: .logpower)
            s.automaticPooling = true
        } else {
            s.features = FeatureConfig(window: 1, hop: 1, kind: .raw)
        }
        return s
    }

    /// Analyses `testCase` with `seed` and scores the count and the traces.
    public static func evaluate(_ testCase: EvaluationCase, seed: UInt64, template: AnalysisSettings) throws -> CaseOutcome {
        let started = ContinuousClock.now
        let (signal, _) = try SignalReader.read(path: testCase.signalPath)
        var settings = settings(for: testCase.truth, template: template)
        settings.seed = seed
        let result = try AnalysisPipeline.run(signal: signal, settings: settings)
        let elapsed = ContinuousClock.now - started
        let mcc = try? score(testCase, result: result)
        let truth = testCase.truth
        return CaseOutcome(
            name: testCase.name, family: truth.family.rawValue, k: truth.k, m: truth.m, snrDB: truth.snrDB,
            layers: truth.layers, seed: seed, sources: result.count.sources, linearMDL: result.linearMDLEstimate,
            mcc: mcc, klSorted: result.count.dimensionsByKL.map { result.statistics.klPerDimension[$0] },
            gapRatio: result.count.gapRatio, ambiguous: result.isAmbiguous,
            seconds: elapsed.inSeconds, weakestDirectionSNRDB: truth.weakestDirectionSNRDB,
            restartCounts: result.restarts.map(\.sources), firstRoundCounts: result.firstRoundCounts,
            latentDependence: result.latentDependence?.mean)
    }

    /// MCC of the latent means against the true sources (per-sample families: the sources;
    /// spectral: the log-envelope at each window centre). Sources the latents cannot cover
    /// (more sources than latents) count as 0.
    public static func score(_ testCase: EvaluationCase, result: AnalysisResult) throws -> Double {
        let sources = try CSVReader.readWithInfo(path: testCase.sourcesPath).signal
        let k = sources.channelCount
        let n = result.latentMeans.rows
        var target = Matrix(rows: n, cols: k)
        if testCase.truth.family == .spectral {
            // Envelope block means are stored at `sources.sampleRate`, stamped at block centres.
            let rate = sources.sampleRate
            let firstTime = 0.5 * (testCase.truth.sampleRate / rate - 1) / testCase.truth.sampleRate
            for t in 0..<n {
                let index = min(sources.frameCount - 1, max(0, Int(((result.times[t] - firstTime) * rate).rounded())))
                for c in 0..<k { target[t, c] = Float(log(max(Double(sources.samples[c * sources.frameCount + index]), 1e-12))) }
            }
        } else {
            guard sources.frameCount == n else {
                throw NicaError.badData(path: testCase.sourcesPath, line: 0, column: 0,
                                        message: "\(sources.frameCount) rows of sources for \(n) observations")
            }
            for t in 0..<n { for c in 0..<k { target[t, c] = sources.samples[c * n + t] } }
        }
        let latents = result.latentMeans
        if k <= latents.cols {
            return MeanCorrelation(sources: target, latents: latents).mcc
        }
        let reversed = MeanCorrelation(sources: latents, latents: target)
        return reversed.correlations.reduce(0, +) / Double(k)
    }
}
