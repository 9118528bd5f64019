import Analysis
import Features
import Model
import NicaCore

/// The `--method fastica` branch of the pipeline: FastICA on the same standardised
/// features, with the components as the latent traces. The number of components is the
/// linear MDL estimate (at least 1) unless `latentDimensions` is given.
enum LinearICAStage {
    static func run(features: Matrix, times: ObservationTimes, layout: SignalLayout, settings: AnalysisSettings,
                    standardizer: Standardizer, started: ContinuousClock.Instant, featuresDone: ContinuousClock.Instant,
                    progress: ((PipelineEvent) -> Void)?) throws -> AnalysisResult {
        let clock = ContinuousClock()
        let mdl = try LinearMDL.estimate(features: features)
        let components = settings.latentDimensions ?? max(1, mdl)
        guard components <= features.cols else {
            throw NicaError.invalidArgument(argument: "--latent-dim",
                message: "FastICA can find at most \(features.cols) components in \(features.cols) features (got \(components))")
        }
        var resolved = settings
        resolved.latentDimensions = components
        resolved.hiddenSizes = []
        progress?(.stage("fastica"))
        let ica = try FastICA(x: features, componentCount: components, seed: settings.seed)
        let done = clock.now
        let stats = LatentStatistics(
            klPerDimension: [],
            meanVariance: LatentStatistics(mean: ica.components, logVariance: Matrix(rows: features.rows, cols: components)).meanVariance,
            meanPosteriorVariance: [])
        var warnings: [String] = []
        if !ica.converged {
            warnings.append("FastICA did not converge in \(ica.iterations) iterations (tolerance \(FastICA.defaultTolerance)); "
                            + "the components may be inaccurate — try another --seed or fewer components (--latent-dim)")
        }
        return AnalysisResult(
            settings: resolved,
            architecture: VAEArchitecture(inputSize: features.cols, hiddenSizes: [], latentSize: components),
            observationCount: features.rows, featureCount: features.cols, times: times,
            observationRate: layout.sampleRate / Double(settings.features.hop),
            statistics: stats,
            smoothness: [Double](repeating: 0, count: components),
            count: SourceCount(componentCount: components, meanVariance: stats.meanVariance, rule: settings.counting),
            linearMDLEstimate: mdl, latentMeans: ica.components,
            training: TrainingSummary(epochs: 0, steps: ica.iterations, stopReason: ica.converged ? "converged" : "max-iterations",
                                      recoveries: 0, history: []),
            restarts: [],
            standardizer: standardizer,
            timings: ["features": (featuresDone - started).inSeconds, "training": (done - featuresDone).inSeconds,
                      "analysis": 0, "total": (done - started).inSeconds],
            modelParameters: ica.unmixing.data, meanDecoderLogVariance: 0, warnings: warnings)
    }
}
