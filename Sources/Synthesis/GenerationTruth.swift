/// Everything about a generated recording that an analysis is meant to recover or may be
/// scored against, written next to the data as `truth.json`. Family-specific fields are
/// `nil` (and omitted from JSON) for the other families.
public struct GenerationTruth: Codable, Equatable, Sendable {
    // MARK: Common

    public var family: GenerationFamily
    /// Number of independent sources (for `spectral`: of independent envelopes).
    public var k: Int
    /// Number of observed channels.
    public var m: Int
    /// Samples per channel.
    public var frames: Int
    /// Samples per second (Hz). For the per-sample families it is only a label.
    public var sampleRate: Double
    /// Per-channel signal-to-noise ratio in dB of the added white Gaussian noise; `nil` = no noise.
    public var snrDB: Double?
    public var seed: UInt64
    /// Number of mixing layers (1 for `linear` and `spectral`).
    public var layers: Int
    /// The nonlinearity between layers; `nil` for linear mixing (and for `spectral`, whose
    /// optional soft clipping is `spectralMixing`).
    public var activation: MixingActivation?
    /// The mixing matrices, first layer first.
    public var mixing: [MixingLayer]
    /// Common factor applied to every channel at the end (after noise), 1 unless the family
    /// normalises its peak level (`spectral`: peak 0.9). Divide by it to undo.
    public var outputGain: Double

    // MARK: Per-sample families (linear, nonlinear, square)

    /// Samples per stationary segment (the last segment may be shorter).
    public var segmentLength: Int?
    public var segmentCount: Int?
    /// Standard deviation of every source in every segment, `[segment][source]`, as drawn
    /// from U(0.5, 3) — before the whole-recording standardisation, which rescales each
    /// source (column) by one common factor.
    public var segmentStandardDeviations: [[Double]]?
    /// Median over frames of the SNR (dB) of the weakest source direction of the mixture
    /// (`SourceDetectability`): near or below 0 dB the data barely show, or do not show, all k
    /// sources at this noise level. `nil` without noise.
    public var weakestDirectionSNRDB: Double?
    /// `ivae` only: the distribution of the sources within a segment.
    public var sourceDistribution: SourceDistribution?
    /// `ivae` only: the condition-number threshold of the first mixing layer (the 25th
    /// percentile of random draws of its shape).
    public var maxConditionNumber: Double?

    // MARK: Spectral family

    /// Centre frequency of each source's band (Hz), ascending with the source index.
    public var bandCentresHz: [Double]?
    /// Nominal −3 dB bandwidth of each band (Hz).
    public var bandwidthsHz: [Double]?
    public var sourceKinds: [SpectralSourceKind]?
    /// Standard deviation σ of every log-envelope `log e_j(t)` (nepers).
    public var envelopeSigma: Double?
    /// Time constant (s) of each source's envelope smoothing filter.
    public var envelopeTimeConstants: [Double]?
    public var spectralMixing: SpectralMixing?
    /// Soft-clipping drive (only with `spectralMixing == .saturating`).
    public var drive: Double?

    public init(family: GenerationFamily, k: Int, m: Int, frames: Int, sampleRate: Double,
                snrDB: Double?, seed: UInt64, layers: Int, activation: MixingActivation?,
                mixing: [MixingLayer], outputGain: Double = 1,
                segmentLength: Int? = nil, segmentCount: Int? = nil,
                segmentStandardDeviations: [[Double]]? = nil, weakestDirectionSNRDB: Double? = nil,
                sourceDistribution: SourceDistribution? = nil, maxConditionNumber: Double? = nil,
                bandCentresHz: [Double]? = nil, bandwidthsHz: [Double]? = nil,
                sourceKinds: [SpectralSourceKind]? = nil, envelopeSigma: Double? = nil,
                envelopeTimeConstants: [Double]? = nil, spectralMixing: SpectralMixing? = nil,
                drive: Double? = nil) {
        self.family = family
        self.k = k
        self.m = m
        self.frames = frames
        self.sampleRate = sampleRate
        self.snrDB = snrDB
        self.seed = seed
        self.layers = layers
        self.activation = activation
        self.mixing = mixing
        self.outputGain = outputGain
        self.segmentLength = segmentLength
        self.segmentCount = segmentCount
        self.segmentStandardDeviations = segmentStandardDeviations
        self.weakestDirectionSNRDB = weakestDirectionSNRDB
        self.sourceDistribution = sourceDistribution
        self.maxConditionNumber = maxConditionNumber
        self.bandCentresHz = bandCentresHz
        self.bandwidthsHz = bandwidthsHz
        self.sourceKinds = sourceKinds
        self.envelopeSigma = envelopeSigma
        self.envelopeTimeConstants = envelopeTimeConstants
        self.spectralMixing = spectralMixing
        self.drive = drive
    }
}
