import Analysis
import Features
import Linalg
import Model
import NicaCore

/// What the pipeline reports while it runs (for progress lines; it never prints).
public enum PipelineEvent: Sendable {
    case stage(String)
    case epoch(EpochRecord)
}

/// Signal → features → standardisation → VAE training → per-latent KL → source count.
public enum AnalysisPipeline {
    public static func run(signal: Signal, settings: AnalysisSettings,
                           progress: ((PipelineEvent) -> Void)? = nil) throws -> AnalysisResult {
        let clock = ContinuousClock()
        let started = clock.now
        BLASRuntime.setThreads(settings.threads)
        var settings = settings
        if settings.automaticPooling && settings.features.kind.isSpectral {
            settings.features.poolBins = AnalysisSettings.automaticPoolBins(window: settings.features.window)
        }
        try settings.features.validate(frameCount: signal.frameCount)

        progress?(.stage("features"))
        var features = try FeatureExtractor.extract(signal: signal, config: settings.features)
        let framing = Framing(frameCount: signal.frameCount, config: settings.features)
        let times = framing.centreTimes(sampleRate: signal.sampleRate)
        guard features.rows >= 16 else {
            if settings.features.window == 1 {
                throw NicaError.invalidArgument(argument: "input",
                    message: "only \(signal.frameCount) sample\(signal.frameCount == 1 ? "" : "s"); per-sample mode needs at least 16 to train")
            }
            throw NicaError.invalidArgument(argument: "--window",
                message: "only \(features.rows) observations (windows) from \(signal.frameCount) samples; need at least 16 to train — use a shorter --window or --hop")
        }
        let standardizer = Standardizer.fit(features)
        standardizer.apply(&features)
        let featuresDone = clock.now

        let resolved = settings.resolved(featureCount: features.cols, observationCount: features.rows,
                                         channelCount: signal.channelCount)
        let architecture = VAEArchitecture(inputSize: features.cols, hiddenSizes: resolved.hiddenSizes!,
                                           latentSize: resolved.latentDimensions!)
        var rng = SeededRNG(seed: resolved.seed)
        var initRNG = rng.fork()
        var trainRNG = rng.fork()
        let model = VAE(architecture: architecture, rng: &initRNG)
        progress?(.stage("training"))
        let summary = try Trainer.train(model: model, data: features, options: resolved.training, rng: &trainRNG) {
            progress?(.epoch($0))
        }
        let trainingDone = clock.now

        progress?(.stage("analysis"))
        let (mean, logVar) = model.encode(features)
        let stats = LatentStatistics(mean: mean, logVariance: logVar)
        guard stats.klPerDimension.allSatisfy({ $0.isFinite }) else {
            throw NicaError.numerical(message: "the trained encoder produced a non-finite KL")
        }
        let count = SourceCount(statistics: stats, rule: resolved.counting)
        let mdl = try LinearMDL.estimate(features: features)
        let done = clock.now

        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let logGamma = model.decoderLogVariance
        let observationRate = signal.sampleRate / Double(settings.features.hop)
        return AnalysisResult(
            settings: resolved, architecture: architecture, observationCount: features.rows,
            featureCount: features.cols, times: times, observationRate: observationRate,
            statistics: stats, count: count, linearMDLEstimate: mdl, latentMeans: mean,
            training: summary, standardizer: standardizer,
            timings: ["features": seconds(featuresDone - started), "training": seconds(trainingDone - featuresDone),
                      "analysis": seconds(done - trainingDone), "total": seconds(done - started)],
            modelParameters: model.parameterValues,
            meanDecoderLogVariance: logGamma.reduce(0.0) { $0 + Double($1) } / Double(max(logGamma.count, 1)))
    }
}
