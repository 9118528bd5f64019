import Analysis
import Features
import Model
import NicaCore

/// A finished analysis: the source count, its evidence, the latent traces and how they were obtained.
public struct AnalysisResult: Sendable {
    /// Settings with every automatic choice filled in.
    public var settings: AnalysisSettings
    public var architecture: VAEArchitecture
    /// Observations (windows, or time steps in per-sample mode).
    public var observationCount: Int
    public var featureCount: Int
    /// Time of each observation in seconds (window centre), computed on access.
    public var times: ObservationTimes
    /// Observation rate (Hz): windows per second, or the sample rate in per-sample mode.
    public var observationRate: Double
    public var statistics: LatentStatistics
    /// Autocorrelation of each latent trace at the lag where windows stop overlapping.
    public var smoothness: [Double]
    public var count: SourceCount
    /// Wax–Kailath MDL estimate from the eigenvalues of the same standardised features.
    public var linearMDLEstimate: Int
    /// Posterior means μ(x), `N × K`.
    public var latentMeans: Matrix
    /// The training run that was kept (the restart with the lowest final objective; in spectral
    /// mode, of those with the most slow components).
    public var training: TrainingSummary
    /// Every restart's outcome, in order.
    public var restarts: [RestartOutcome]
    public var standardizer: Standardizer
    /// Wall-clock seconds per stage: `features`, `training`, `analysis`, `total`.
    public var timings: [String: Double]
    /// The trained parameters (flat, `ParameterLayout` order).
    public var modelParameters: [Float]
    /// Mean of the decoder's learned log γ² over features (standardised units): the noise
    /// level the model settled on.
    public var meanDecoderLogVariance: Double
    /// Segments of the conditional prior (nil: isotropic prior, or FastICA).
    public var segmentCount: Int? = nil
    /// With segments: the unmixing applied to the informative latents in `latentMeans`.
    public var unmixing: SegmentUnmixing? = nil
    /// With segments: the refinement passes applied after `unmixing` (see `RefinementPass`),
    /// in order; empty when there were none or the first was discarded.
    public var refinements: [RefinementPass] = []
    /// What every refinement pass trained did, including a discarded last one.
    public var refinementOutcomes: [RefinementOutcome] = []
    /// Conditions the user should hear about (e.g. FastICA stopping before convergence).
    public var warnings: [String] = []
    /// When a first round of restarts counted K − 2 or K − 1 informative latents and was
    /// replaced by a round with the longer KL warm-up (`AnalysisSettings.needsExtendedWarmup`):
    /// that round's counts of informative latents (redundant ones included).
    public var firstRoundCounts: [Int]? = nil
    /// When the count was K − 1 in per-sample mode: the test of what its posterior means left
    /// unexplained and, when no direction of it looked like noise, the decoder log-variance
    /// ceiling of the round that replaced it (`AnalysisSettings.needsDecoderCeiling`).
    public var residualCheck: ResidualCheck? = nil

    /// Per-sample VAE analyses with the isotropic prior and two or more informative latents:
    /// how much each informative latent depends on the others, measured on the kept run's
    /// posterior means (`SourceCount.latentDependence`).
    public var latentDependence: LatentDependence? { count.latentDependence }

    /// Fraction of restarts whose count equals the reported one (1 = unanimous).
    public var restartAgreement: Double {
        guard !restarts.isEmpty else { return 1 }
        return Double(restarts.filter { $0.sources == count.sources }.count) / Double(restarts.count)
    }

    /// Whether the count should be treated with care: the counting rule marks it
    /// (`SourceCount.ambiguous`, which includes latents dropped as redundant) or the restarts
    /// disagree. The report, the summary's warning and `nica evaluate` all use this.
    public var isAmbiguous: Bool {
        count.ambiguous || restartAgreement < 1
    }
}

/// One training run of a multi-restart analysis.
public struct RestartOutcome: Codable, Equatable, Sendable {
    public var restart: Int
    /// Mean negative ELBO over the last epochs (nats per observation).
    public var finalLoss: Double
    /// The count this run alone gives.
    public var sources: Int
    public var klPerDimension: [Double]
}

/// The test of what a K − 1 count left unexplained (`AnalysisSettings.needsDecoderCeiling`).
public struct ResidualCheck: Equatable, Sendable {
    /// The most stationary direction of x − f(μ) of the round that counted K − 1.
    public var direction: ResidualDirection
    /// Natural log of the decoder-variance ceiling of the round trained after it; nil when the
    /// direction looked like noise and the count stood.
    public var decoderLogVarianceCeiling: Double?

    public init(direction: ResidualDirection, decoderLogVarianceCeiling: Double?) {
        self.direction = direction
        self.decoderLogVarianceCeiling = decoderLogVarianceCeiling
    }
}
