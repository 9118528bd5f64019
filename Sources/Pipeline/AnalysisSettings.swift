import Analysis
import Features
import Model

/// Everything that determines an analysis. Options left nil are chosen from the data by
/// `AnalysisSettings.resolved(...)`; the resolved copy is what reports print.
public struct AnalysisSettings: Codable, Equatable, Sendable {
    public var features: FeatureConfig
    /// K: latent dimensions (nil = from the input size).
    public var latentDimensions: Int?
    /// Encoder hidden widths (nil = from the input size and the number of observations).
    public var hiddenSizes: [Int]?
    /// Nonlinearity between hidden layers (nil = the ELU with a conditional prior, else the
    /// leaky ReLU; see `resolved`).
    public var hiddenActivation: HiddenActivation?
    /// Weight β of the KL term after the warm-up (nil = `conditionalPriorKLWeight` with a
    /// conditional prior, else 1; see `resolved`). Resolved into `training.klWeight`.
    public var klWeight: Float?
    public var training: TrainingOptions
    public var counting: CountingRule
    /// Seed of every random draw (initialisation, minibatch order, ε).
    public var seed: UInt64
    /// OpenBLAS threads.
    public var threads: Int
    /// Training runs from different initialisations; the one with the best final ELBO is kept
    /// (in spectral mode the one with the most slow components first; `RestartChoice`).
    public var restarts: Int = 3
    /// Whether `features.poolBins` may be replaced by the automatic choice.
    public var automaticPooling: Bool = false
    /// VAE or linear ICA.
    public var method: AnalysisMethod = .vae
    /// Equal time segments of the conditional prior p(z|u) (nil with `segmentSeconds` nil:
    /// the isotropic prior N(0, I)).
    public var segments: Int?
    /// Segment length in seconds of the conditional prior (instead of `segments`).
    public var segmentSeconds: Double?
    /// Refinement passes after the unmixing (nil = `conditionalPriorRefinements` with a
    /// conditional prior, else 0; see `RefinementPass`).
    public var refinements: Int?
    /// Whether the prior is conditioned on time segments (`segments` or `segmentSeconds`).
    public var hasConditionalPrior: Bool { segments != nil || segmentSeconds != nil }

    /// Whether the KL warm-up may be lengthened for a second training (see
    /// `needsExtendedWarmup`); false when the user chose the warm-up or the epochs.
    public var automaticWarmup: Bool = false

    public init(features: FeatureConfig, latentDimensions: Int? = nil, hiddenSizes: [Int]? = nil,
                training: TrainingOptions = TrainingOptions(), counting: CountingRule = CountingRule(),
                seed: UInt64 = 0, threads: Int = 1) {
        self.features = features
        self.latentDimensions = latentDimensions
        self.hiddenSizes = hiddenSizes
        self.training = training
        self.counting = counting
        self.seed = seed
        self.threads = threads
    }

    /// In spectral mode a latent counts as a source only if its trace's autocorrelation at the
    /// non-overlapping lag is at least this: source envelopes measured ≥ 0.97, latents that
    /// model the periodogram's window-to-window fluctuation ≤ 0.1 (docs/accuracy.md).
    public static let spectralMinimumSmoothness = 0.3

    /// Bins per channel the automatic pooling aims for.
    public static let targetBinsPerChannel = 32

    /// The automatic `poolBins`: adjacent bins averaged so each channel keeps about 32
    /// features (W = 256 → 4 bins per feature). Averaging in the power domain lowers the
    /// periodogram's variance, which the VAE would otherwise model as extra sources.
    public static func automaticPoolBins(window: Int) -> Int {
        max(1, (window / 2 + 1) / targetBinsPerChannel)
    }

    /// The KL weight β chosen with a conditional prior (`segments`): the iVAE protocol's MCC
    /// rose on every one of the 5 recordings it was chosen on (mean 0.926 → 0.934), and by
    /// 0.002 on 5 recordings not used to choose it (0.917 → 0.919; docs/accuracy.md).
    public static let conditionalPriorKLWeight: Float = 0.8

    /// Refinement passes with a conditional prior (see `RefinementPass`): on the iVAE
    /// protocol two passes raised MCC on each of 10 recordings (mean 0.928 → 0.941) at about
    /// 2.5× the time; each pass gains less than the one before (docs/accuracy.md).
    public static let conditionalPriorRefinements = 2

    /// KL warm-up of the second training in per-sample mode (see `needsExtendedWarmup`).
    public static let extendedWarmupEpochs = 300

    /// Fewest sources a first count must have for the second training (see `needsExtendedWarmup`).
    public static let extendedWarmupMinimumSources = 3

    /// Whether a per-sample analysis whose kept run has `sources` informative latents (KL
    /// above the threshold, redundant ones included) of `latentDimensions` (= the channels)
    /// trains again with the `extendedWarmupEpochs` warm-up, whose count then stands: when
    /// that is K − 2 or K − 1 and at least 3. The data then fill (nearly)
    /// every direction, and the last source's latent gains the ELBO only what the decoder
    /// noise cannot explain of it, so a 100-epoch warm-up prunes it before the decoder has
    /// learned to use it (square mixtures, m = k, with 5–8 sources under-counted by 1–2).
    /// The longer warm-up is not the default, and needs 3 sources found, because where the
    /// data lie on a manifold of lower dimension than the channels it lets a nonlinear VAE
    /// keep latents for fine structure and over-count (`nonlinear-09-k2`, 2 sources in 7
    /// channels: 2 → 5–6; `nonlinear-08-k1`, 1 source in 2 channels: 1 → 2). Measured in
    /// docs/accuracy.md.
    public func needsExtendedWarmup(sources: Int, latentDimensions: Int) -> Bool {
        automaticWarmup && features.window == 1 && training.fixedEpochs == nil
            && training.klWarmupEpochs < Self.extendedWarmupEpochs
            && sources >= Self.extendedWarmupMinimumSources
            && sources < latentDimensions && sources >= latentDimensions - 2
    }

    /// Nonstationarity of the residual's most stationary direction
    /// (`ResidualDirection.nonstationarity`) above which no direction the means leave
    /// unexplained is taken for noise (see `needsDecoderCeiling`). Right counts of K − 1
    /// scored 0.88–1.35 (noise ≈ 1); misses by one with the source near the noise 1.45–1.91,
    /// all but the 1.45 caught (docs/accuracy.md).
    public static let residualSourceNonstationarity = 1.5

    /// Whether a per-sample analysis whose kept run has `informative` latents of
    /// `latentDimensions` (= the channels) trains once more with the decoder variance held
    /// at or below what the posterior means leave unexplained (per channel): when the count
    /// is K − 1 (at least 3, so the longer warm-up has been tried first) and no principal
    /// direction of that residual is stationary like noise (`residual`). A square mixture (m = k) has no noise-only direction to pin the decoder
    /// variance down; it then settles at the posterior's own resolution, several times the
    /// residual of the means, and a source weaker than that is not worth a latent. Where a
    /// noise direction is left over, the test finds it and the count stands: a ceiling below
    /// the noise would keep that noise alive as a latent. Measured in docs/accuracy.md.
    public func needsDecoderCeiling(informative: Int, latentDimensions: Int, residual: ResidualDirection?) -> Bool {
        guard checksResidual(informative: informative, latentDimensions: latentDimensions), let residual else { return false }
        return residual.nonstationarity > Self.residualSourceNonstationarity
    }

    /// Whether the residual of a kept run with `informative` latents of `latentDimensions` is
    /// tested at all (`needsDecoderCeiling` without the test itself).
    public func checksResidual(informative: Int, latentDimensions: Int) -> Bool {
        automaticWarmup && features.window == 1 && training.fixedEpochs == nil && !hasConditionalPrior
            && informative >= Self.extendedWarmupMinimumSources && informative == latentDimensions - 1
    }

    /// Fewest observations for the automatic dependence threshold: the length it was
    /// calibrated and validated on (20 000 samples). Below it no over-count was seen for it to
    /// correct, and correct latents were more entangled: up to 0.38 nats at 5000 samples,
    /// 0.41 at 10 000, 0.75 at 2000 (docs/accuracy.md).
    public static let dependenceMinimumObservations = 20_000

    /// Automatic hidden width in per-sample mode with the isotropic prior (the counting VAE).
    public static let perSampleHiddenWidth = 256
    /// Automatic hidden width in per-sample mode with a conditional prior (`segments`).
    public static let conditionalPriorHiddenWidth = 128
    /// Automatic hidden width in spectral mode.
    public static let spectralHiddenWidth = 64

    /// Largest number of latent dimensions chosen automatically.
    public static let maxAutomaticLatents = 16

    /// Fills in the automatic choices for `featureCount` features and `observationCount`
    /// observations in `channelCount` channels.
    ///
    /// * K = the number of channels in per-sample mode (the data manifold cannot have more
    ///   dimensions than there are channels), else min(features, 16); at most 16.
    /// * Hidden widths: two layers; per-sample 256 (128 with a conditional prior); spectral
    ///   64. A wider spectral decoder learns more of the periodogram's window-to-window noise
    ///   (latents that the slow-component test then leaves out of the count; docs/accuracy.md).
    /// * Activation: the ELU with a conditional prior (`segments`), else the leaky ReLU. With
    ///   the smooth ELU the iVAE protocol's MCC rose on every one of 5 seeds (mean 0.918 →
    ///   0.926) at the same fit error (log γ²); the count rule was measured with the leaky
    ///   ReLU, and the ELU did not change the counts it was tried on, so the plain VAE keeps
    ///   the leaky ReLU (docs/accuracy.md).
    /// * KL weight: `conditionalPriorKLWeight` (0.8) with a conditional prior, else 1 (the
    ///   ELBO, with which the count rule was measured).
    /// * Refinement passes: `conditionalPriorRefinements` (2) with a conditional prior, else 0.
    /// * Dependence threshold of the count: `LatentDependence.overcountThreshold` (0.33 nats)
    ///   in per-sample mode with the isotropic prior and at least
    ///   `dependenceMinimumObservations` time steps, where it was measured; none otherwise
    ///   (spectral mode counts slow components, a conditional prior makes the latents the
    ///   sources, and on shorter recordings correct latents were more dependent: up to 0.75
    ///   nats at 2000 samples, 0.41 at 10 000).
    /// * Batch: at most the requested size and small enough for ≥ 20 steps per epoch.
    public func resolved(featureCount: Int, observationCount: Int, channelCount: Int) -> AnalysisSettings {
        var s = self
        let perSample = features.window == 1
        if s.latentDimensions == nil {
            let k = perSample ? channelCount : featureCount
            s.latentDimensions = max(1, min(k, Self.maxAutomaticLatents))
        }
        if s.hiddenSizes == nil {
            // Per-sample: the decoder's fit error must stay below the weakest source direction,
            // or the ELBO explains that source as decoder noise and the count misses it. 64 →
            // 128 took the square family from 56 % to 69 % exact and kept all 5 latents of the
            // iVAE protocol; 128 → 256 took the nonlinear family from 81 % to 94 % with no
            // over-count (docs/accuracy.md). The conditional prior stays at 128, the width its
            // MCC was measured with. Spectral: 64, the capacity the counting was tuned with.
            let width = if !perSample { Self.spectralHiddenWidth }
                        else if hasConditionalPrior { Self.conditionalPriorHiddenWidth }
                        else { Self.perSampleHiddenWidth }
            s.hiddenSizes = [width, width]
        }
        if s.hiddenActivation == nil {
            s.hiddenActivation = hasConditionalPrior ? .elu : .leakyReLU
        }
        if s.klWeight == nil {
            s.klWeight = hasConditionalPrior ? Self.conditionalPriorKLWeight : 1
        }
        s.training.klWeight = s.klWeight!
        if s.refinements == nil {
            s.refinements = hasConditionalPrior ? Self.conditionalPriorRefinements : 0
        }
        if features.kind.isSpectral && s.counting.minimumSmoothness == nil {
            s.counting.minimumSmoothness = Self.spectralMinimumSmoothness
        }
        if perSample && !hasConditionalPrior && s.counting.maximumDependence == nil
            && observationCount >= Self.dependenceMinimumObservations {
            s.counting.maximumDependence = LatentDependence.overcountThreshold
        }
        s.training.batchSize = max(8, min(s.training.batchSize, observationCount / 20))
        return s
    }
}
