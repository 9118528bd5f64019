import Analysis
import Features
import Model
import Pipeline

/// The JSON report: the command-line contract's keys (`sources`, `kl_per_dim`, `active_dims`)
/// plus the evidence, settings, seed, timings and library versions. `--json` prints it and
/// `--out` writes it as `report.json`.
public struct ReportDocument: Codable, Equatable, Sendable {
    public struct Input: Codable, Equatable, Sendable {
        public var path: String
        public var format: String
        public var channels: Int
        public var channelNames: [String]
        public var frames: Int
        public var sampleRate: Double
        public var durationSeconds: Double

        public init(path: String, format: String, channels: Int, channelNames: [String], frames: Int,
                    sampleRate: Double, durationSeconds: Double) {
            self.path = path
            self.format = format
            self.channels = channels
            self.channelNames = channelNames
            self.frames = frames
            self.sampleRate = sampleRate
            self.durationSeconds = durationSeconds
        }

        enum CodingKeys: String, CodingKey {
            case path, format, channels, frames
            case channelNames = "channel_names"
            case sampleRate = "sample_rate"
            case durationSeconds = "duration_s"
        }
    }

    public struct Settings: Codable, Equatable, Sendable {
        public var features: String
        public var window: Int
        public var hop: Int
        public var poolBins: Int
        public var latentDim: Int
        public var hidden: [Int]
        /// Nonlinearity between hidden layers: `leaky-relu` or `elu`.
        public var activation: String
        public var batchSize: Int
        public var learningRate: Float
        public var epochs: Int?
        public var klThreshold: Double
        public var threads: Int
        public var restarts: Int
        public var klWarmupEpochs: Int
        /// Weight β of the KL term after the warm-up (1 = the ELBO).
        public var klWeight: Float
        public var minimumSmoothness: Double?
        /// Per-sample mode: mean I(μ_j; μ_rest) (nats) above which the most dependent
        /// informative latent is left out of the count (`redundant_dims`).
        public var dependenceThreshold: Double?
        /// Segments of the conditional prior p(z|u); absent for the isotropic prior.
        public var segments: Int?
        public var segmentSeconds: Double?
        /// Refinement passes asked for after the unmixing (absent without segments).
        public var refinements: Int?

        enum CodingKeys: String, CodingKey {
            case features, window, hop, hidden, activation, threads, epochs, segments, refinements
            case segmentSeconds = "segment_seconds"
            case poolBins = "pool_bins"
            case latentDim = "latent_dim"
            case batchSize = "batch_size"
            case learningRate = "learning_rate"
            case klThreshold = "kl_threshold_nats"
            case restarts
            case klWarmupEpochs = "kl_warmup_epochs"
            case klWeight = "kl_weight"
            case minimumSmoothness = "minimum_smoothness"
            case dependenceThreshold = "dependence_threshold_nats"
        }
    }

    public struct Training: Codable, Equatable, Sendable {
        public var epochs: Int
        public var steps: Int
        public var stopReason: String
        public var recoveries: Int
        public var finalLoss: Double
        public var finalKL: Double
        public var meanDecoderLogVariance: Double

        enum CodingKeys: String, CodingKey {
            case epochs, steps, recoveries
            case stopReason = "stop_reason"
            case finalLoss = "final_loss_nats"
            case finalKL = "final_kl_nats"
            case meanDecoderLogVariance = "mean_decoder_log_variance"
        }
    }

    public var nicaVersion: String
    /// `vae` or `fastica`.
    public var method: String
    /// Conditions worth a look (absent when there are none).
    public var warnings: [String]?
    public var sources: Int
    public var klPerDim: [Double]
    public var activeDims: [Int]
    /// Dimensions with KL above the threshold (in spectral mode a superset of `activeDims`).
    public var informativeDims: [Int]
    public var dimsByKL: [Int]
    public var muVariance: [Double]
    /// Lag autocorrelation of each latent trace (spectral mode's smoothness test).
    public var smoothness: [Double]
    /// Spectral mode: lag autocorrelations of the slowest combinations of the active latents,
    /// largest first; `sources` counts those ≥ `settings.minimum_smoothness`.
    public var slowComponentAutocorrelations: [Double]?
    public var activeUnits: Int
    public var gapRatio: Double?
    public var ambiguous: Bool
    public var linearMDLEstimate: Int
    /// Count of each restart, in order.
    public var restartCounts: [Int]
    /// Final objective of each restart (nats per observation); the lowest was kept.
    public var restartLosses: [Double]
    /// Fraction of restarts agreeing with `sources`.
    public var restartAgreement: Double
    /// Per-sample mode with the isotropic prior and two or more informative latents:
    /// I(μ_j; μ_rest) in nats for each informative dimension, in `informativeDims` order
    /// (`LatentDependence`).
    public var latentDependence: [Double]?
    /// Per-sample mode with the isotropic prior: informative dimensions left out of the count
    /// because the others carry what they carry, in the order they were dropped (empty when
    /// none was).
    public var redundantDims: [Int]?
    /// Per-sample mode: the informative latents of each restart of a first round that counted
    /// K − 2 or K − 1 of them and was replaced by a round with the longer KL warm-up
    /// (`settings.kl_warmup_epochs`); absent when there was one round.
    public var firstRoundCounts: [Int]?
    /// Per-sample mode, when a round counted K − 1: the most stationary direction of what its
    /// posterior means left unexplained, and the decoder-variance ceiling of the round that
    /// replaced it when no direction looked like noise (`AnalysisSettings.needsDecoderCeiling`).
    public var residualCheck: ResidualCheckReport?
    /// With segments: how the informative latents in `latents.csv` were unmixed into sources.
    public var unmixing: SegmentUnmixing?
    /// With segments: what each refinement pass did (absent when there were none); the traces
    /// in `latents.csv` are those of the last accepted pass.
    public var refinement: [RefinementOutcome]?
    public var observations: Int
    public var featuresPerObservation: Int
    public var observationRate: Double
    public var seed: UInt64
    public var input: Input
    public var settings: Settings
    public var training: Training
    /// Wall-clock seconds per stage. Printed with `--json`, but left out of `report.json`
    /// (they go to `timings.json`) so that file is byte-identical for the same input, seed and
    /// thread count; `nil` leaves the key out.
    public var timingsSeconds: [String: Double]?
    public var versions: [String: String]

    enum CodingKeys: String, CodingKey {
        case sources, seed, input, settings, training, observations, ambiguous, versions, method, warnings, unmixing, refinement
        case nicaVersion = "nica_version"
        case klPerDim = "kl_per_dim"
        case activeDims = "active_dims"
        case informativeDims = "informative_dims"
        case dimsByKL = "dims_by_kl"
        case muVariance = "mu_variance"
        case smoothness
        case slowComponentAutocorrelations = "slow_component_autocorrelations"
        case activeUnits = "active_units"
        case gapRatio = "kl_gap_ratio"
        case linearMDLEstimate = "linear_mdl_estimate"
        case restartCounts = "restart_counts"
        case restartLosses = "restart_losses"
        case restartAgreement = "restart_agreement"
        case latentDependence = "latent_dependence_nats"
        case redundantDims = "redundant_dims"
        case firstRoundCounts = "first_round_counts"
        case residualCheck = "residual_check"
        case featuresPerObservation = "features_per_observation"
        case observationRate = "observation_rate_hz"
        case timingsSeconds = "timings_s"
    }

    public init(result: AnalysisResult, input: Input, versions: [String: String]) {
        let s = result.settings
        nicaVersion = NicaVersion.string
        method = s.method.rawValue
        warnings = result.warnings.isEmpty ? nil : result.warnings
        sources = result.count.sources
        klPerDim = result.statistics.klPerDimension
        activeDims = result.count.activeDimensions
        informativeDims = result.count.informativeDimensions
        dimsByKL = result.count.dimensionsByKL
        muVariance = result.statistics.meanVariance
        smoothness = result.smoothness
        slowComponentAutocorrelations = result.count.slowComponentAutocorrelations
        activeUnits = result.count.activeUnits
        gapRatio = result.count.gapRatio
        restartCounts = result.restarts.map(\.sources)
        restartLosses = result.restarts.map(\.finalLoss)
        restartAgreement = result.restartAgreement
        latentDependence = result.latentDependence?.mutualInformation
        redundantDims = s.counting.checksDependence ? result.count.redundantDimensions : nil
        firstRoundCounts = result.firstRoundCounts
        residualCheck = result.residualCheck.map(ResidualCheckReport.init)
        unmixing = result.unmixing
        refinement = result.refinementOutcomes.isEmpty ? nil : result.refinementOutcomes
        ambiguous = result.isAmbiguous
        linearMDLEstimate = result.linearMDLEstimate
        observations = result.observationCount
        featuresPerObservation = result.featureCount
        observationRate = result.observationRate
        seed = s.seed
        self.input = input
        settings = Settings(features: s.features.kind.rawValue, window: s.features.window, hop: s.features.hop,
                            poolBins: s.features.poolBins, latentDim: result.architecture.latentSize,
                            hidden: result.architecture.hiddenSizes,
                            activation: result.architecture.hiddenActivation.rawValue, batchSize: s.training.batchSize,
                            learningRate: s.training.learningRate, epochs: s.training.fixedEpochs,
                            klThreshold: s.counting.klThreshold, threads: s.threads, restarts: s.restarts,
                            klWarmupEpochs: s.training.klWarmupEpochs, klWeight: s.training.klWeight,
                            minimumSmoothness: s.counting.minimumSmoothness,
                            dependenceThreshold: s.counting.checksDependence ? s.counting.maximumDependence : nil,
                            segments: result.segmentCount, segmentSeconds: s.segmentSeconds,
                            refinements: result.segmentCount == nil ? nil : s.refinements)
        let last = result.training.history.last
        training = Training(epochs: result.training.epochs, steps: result.training.steps,
                            stopReason: result.training.stopReason, recoveries: result.training.recoveries,
                            finalLoss: last?.loss ?? .nan, finalKL: last?.kl ?? .nan,
                            meanDecoderLogVariance: result.meanDecoderLogVariance)
        timingsSeconds = result.timings
        self.versions = versions
    }
}

/// `residual_check` in `report.json` (see `ReportDocument.residualCheck`).
public struct ResidualCheckReport: Codable, Equatable, Sendable {
    /// Block-variance spread of the most stationary residual direction over that of a
    /// stationary signal of the same kurtosis (≈ 1 for noise).
    public var nonstationarity: Double
    /// Above it no residual direction was taken for noise.
    public var threshold: Double
    public var varianceShare: Double
    public var excessKurtosis: Double
    /// Natural log of the decoder-variance ceiling of the round that replaced the K − 1 count;
    /// absent when the count stood.
    public var decoderLogVarianceCeiling: Double?

    enum CodingKeys: String, CodingKey {
        case nonstationarity, threshold
        case varianceShare = "variance_share"
        case excessKurtosis = "excess_kurtosis"
        case decoderLogVarianceCeiling = "decoder_log_variance_ceiling"
    }

    public init(_ check: ResidualCheck) {
        nonstationarity = check.direction.nonstationarity
        threshold = AnalysisSettings.residualSourceNonstationarity
        varianceShare = check.direction.varianceShare
        excessKurtosis = check.direction.excessKurtosis
        decoderLogVarianceCeiling = check.decoderLogVarianceCeiling
    }
}
