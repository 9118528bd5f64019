import Analysis
import Features
import Linalg
import Model
import NicaCore

/// Applies a trained model to a recording: features with the stored configuration →
/// the stored standardisation (not refitted, so the latents mean what they meant in
/// training) → encoder posterior means → per-latent KL and the stored counting rule.
/// No training happens; the result's training summary is the stored model's.
/// Reads the recording as `AnalysisPipeline` does (block by block, one copy of the features).
public enum EncodingPipeline {
    /// Encodes a recording in memory.
    public static func run(signal: Signal, model: TrainedModel, threads: Int = 1,
                           progress: ((PipelineEvent) -> Void)? = nil) throws -> AnalysisResult {
        try run(source: SignalBlockReader(signal), model: model, threads: threads, progress: progress)
    }

    /// Encodes a recording read from `source`, front to back, once.
    public static func run(source: SignalBlockSource, model: TrainedModel, threads: Int = 1,
                           progress: ((PipelineEvent) -> Void)? = nil) throws -> AnalysisResult {
        let clock = ContinuousClock()
        let started = clock.now
        BLASRuntime.setThreads(threads)
        guard source.layout.channelCount == model.channelNames.count else {
            throw NicaError.invalidArgument(argument: "--model",
                message: "the model was trained on \(model.channelNames.count) channels, the input has \(source.layout.channelCount)")
        }
        try model.features.validate(frameCount: source.layout.frameCount)
        progress?(.stage("features"))
        var features = try FeatureStage.extract(from: source, config: model.features)
        precondition(features.cols == model.architecture.inputSize, "EncodingPipeline: feature count differs from the model's input size")
        model.standardizer.apply(&features)
        let layout = source.layout
        let times = ObservationTimes(framing: Framing(frameCount: layout.frameCount, config: model.features),
                                     sampleRate: layout.sampleRate)
        let featuresDone = clock.now

        progress?(.stage("encoding"))
        let vae = VAE(architecture: model.architecture, parameterValues: model.parameters)
        var (mean, stats, count, smoothness) = try SourceCounting.encodeAndCount(
            model: vae, features: features, segments: nil, rule: model.counting, config: model.features)
        // The stored unmixing (segment-conditioned models), not refitted: new recordings have no segments.
        if let unmixing = model.unmixing, var unmixed = mean {
            unmixing.apply(to: &unmixed)
            for pass in model.refinements { pass.apply(to: &unmixed) }
            mean = unmixed
        }
        // The last use of the features: they are centred in place rather than copied.
        let observationCount = features.rows, featureCount = features.cols
        let mdl = features.rows >= 2 ? try LinearMDL.estimate(centringInPlace: &features) : 0
        features = Matrix(rows: 0, cols: 0)
        let done = clock.now

        var settings = AnalysisSettings(features: model.features, latentDimensions: model.architecture.latentSize,
                                        hiddenSizes: model.architecture.hiddenSizes, training: model.training,
                                        counting: model.counting, seed: model.seed, threads: threads)
        settings.refinements = model.refinements.count
        let logGamma = vae.decoderLogVariance
        let history = model.history
        return AnalysisResult(
            settings: settings, architecture: model.architecture, observationCount: observationCount,
            featureCount: featureCount, times: times, observationRate: layout.sampleRate / Double(model.features.hop),
            statistics: stats, smoothness: smoothness!, count: count, linearMDLEstimate: mdl, latentMeans: mean!,
            training: TrainingSummary(epochs: history.count, steps: 0, stopReason: "loaded (\(model.stopReason))",
                                      recoveries: 0, history: history),
            restarts: [],
            standardizer: model.standardizer,
            timings: ["features": (featuresDone - started).inSeconds, "encoding": (done - featuresDone).inSeconds,
                      "total": (done - started).inSeconds],
            modelParameters: model.parameters,
            meanDecoderLogVariance: logGamma.reduce(0.0) { $0 + Double($1) } / Double(max(logGamma.count, 1)),
            unmixing: model.unmixing, refinements: model.refinements,
            warnings: AnalysisPipeline.dependenceWarning(count, threshold: model.counting.maximumDependence).map { [$0] } ?? [])
    }
}
