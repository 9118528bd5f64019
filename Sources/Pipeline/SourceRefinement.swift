import Analysis
import Features
import Model
import NicaCore

/// One refinement pass of a segment-conditioned analysis: a second VAE with the same kind of
/// conditional prior, trained on the unmixed source traces of the step before, whose unmixed
/// posterior means replace those traces.
///
/// Why: the first VAE's latents are a nonlinear transform of the sources that still mixes them
/// a little, and no map fitted to the traces alone (per-trace or linear) removes it
/// (docs/accuracy.md). The traces are a far gentler mixture of the sources than the recording
/// is, so a VAE trained on them inverts it more closely; on the iVAE protocol each pass raised
/// MCC on every recording measured.
public struct RefinementPass: Equatable, Sendable {
    /// Columns of the trace matrix the pass reads and overwrites (the unmixed latents), ascending.
    public var dimensions: [Int]
    /// The pass's VAE: `dimensions.count` inputs and latents, conditional prior.
    public var architecture: VAEArchitecture
    /// Flat parameters in `ParameterLayout(architecture)` order.
    public var parameters: [Float]
    /// The unmixing of the pass's latents (all of them).
    public var unmixing: SegmentUnmixing

    public init(dimensions: [Int], architecture: VAEArchitecture, parameters: [Float], unmixing: SegmentUnmixing) {
        precondition(architecture.inputSize == dimensions.count && architecture.latentSize == dimensions.count,
                     "RefinementPass: the VAE must map the \(dimensions.count) traces to as many latents")
        self.dimensions = dimensions
        self.architecture = architecture
        self.parameters = parameters
        self.unmixing = unmixing
    }

    /// Replaces columns `dimensions` of `traces` (`N × K`) by this pass's unmixed posterior means.
    public func apply(to traces: inout Matrix) {
        let vae = VAE(architecture: architecture, parameterValues: parameters)
        var refined = vae.encode(traces.gatherColumns(dimensions)).mean
        unmixing.apply(to: &refined)
        traces.scatterColumns(dimensions, from: refined)
    }
}

/// What one refinement pass did, for the report.
public struct RefinementOutcome: Codable, Equatable, Sendable {
    /// 1-based.
    public var pass: Int
    public var epochs: Int
    public var stopReason: String
    /// Final objective of the kept restart (nats per observation).
    public var finalLoss: Double
    /// KL of each of the pass's latents against its conditional prior (nats).
    public var klPerDimension: [Double]
    /// Whether every latent stayed informative, so that the pass's traces were kept. A pass
    /// that loses one is discarded, and the passes after it are not trained.
    public var accepted: Bool
    /// Off-diagonal share of the per-segment covariances after the pass's unmixing (nil when
    /// the pass was discarded).
    public var offDiagonalAfter: Double?

    enum CodingKeys: String, CodingKey {
        case pass, epochs, accepted
        case stopReason = "stop_reason"
        case finalLoss = "final_loss_nats"
        case klPerDimension = "kl_per_dim"
        case offDiagonalAfter = "off_diagonal_after"
    }
}

/// Trains the refinement passes of a segment-conditioned analysis (see `RefinementPass`).
enum SourceRefinement {
    /// Refines columns `dimensions` of `traces` (the unmixed informative latents, zero mean and
    /// unit variance over the observations, as `SegmentUnmixing` leaves them) with
    /// `settings.refinements` passes, each trained as the first model was (restarts, schedule,
    /// KL weight, hidden layers) with a latent per trace. Stops at the first pass that loses
    /// a latent, leaving the traces as the pass before left them.
    static func run(traces: inout Matrix, dimensions: [Int], segments: [Int32], segmentCount: Int,
                    settings: AnalysisSettings, rng: inout SeededRNG, clock: ContinuousClock,
                    progress: ((PipelineEvent) -> Void)?) throws -> (passes: [RefinementPass], outcomes: [RefinementOutcome]) {
        let passCount = settings.refinements ?? 0
        let c = dimensions.count
        guard passCount > 0, c >= 1 else { return ([], []) }
        // The traces are per-sample observations whatever the recording's features were, and
        // every latent is expected to stay: the KL threshold alone tells.
        var passSettings = settings
        passSettings.features = FeatureConfig(window: 1, hop: 1, kind: .raw)
        passSettings.counting.minimumSmoothness = nil
        let architecture = VAEArchitecture(inputSize: c, hiddenSizes: settings.hiddenSizes!, latentSize: c,
                                           segmentCount: segmentCount, hiddenActivation: settings.hiddenActivation!)
        var passes: [RefinementPass] = [], outcomes: [RefinementOutcome] = []
        for pass in 1...passCount {
            progress?(.stage("refinement \(pass) of \(passCount)"))
            let input = traces.gatherColumns(dimensions)
            let probe = progress.map { _ in ActiveCountProbe(features: input, rule: passSettings.counting) }
            var round = try TrainingRound.run(features: input, segments: segments, architecture: architecture,
                                              settings: passSettings, rng: &rng, clock: clock, probe: probe, progress: progress)
            let kept = round.best.count.sources == c
            let unmixing = kept ? try SegmentUnmixing.fit(means: round.best.mean, segments: segments,
                                                          dimensions: Array(0..<c)) : nil
            outcomes.append(RefinementOutcome(pass: pass, epochs: round.best.summary.epochs,
                                              stopReason: round.best.summary.stopReason,
                                              finalLoss: round.best.summary.finalLoss,
                                              klPerDimension: round.best.stats.klPerDimension,
                                              accepted: unmixing != nil, offDiagonalAfter: unmixing?.offDiagonalAfter))
            guard let unmixing else { break }
            unmixing.apply(to: &round.best.mean)
            traces.scatterColumns(dimensions, from: round.best.mean)
            passes.append(RefinementPass(dimensions: dimensions, architecture: architecture,
                                         parameters: round.best.model.parameterValues, unmixing: unmixing))
        }
        return (passes, outcomes)
    }
}
