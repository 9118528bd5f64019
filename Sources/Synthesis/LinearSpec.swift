/// A linear ICA benchmark with nonstationary sources.
///
/// Generative model (Hyvärinen & Morioka 2016, time-contrastive learning; Khemakhem et al.
/// 2020, iVAE): the `frames` samples are cut into segments of `segmentLength`; in each
/// segment source `j` is i.i.d. Laplace with a standard deviation drawn from U(0.5, 3); each
/// source is then standardised to unit variance over the recording. The observation is
/// `x(t) = A s(t) + n(t)`, where `A` is `m × k` with entries U(−1, 1), unit-norm columns and
/// condition number below `maxCondition`, and `n` is white Gaussian noise at `snrDB` per
/// channel. Values are dimensionless; `sampleRate` (Hz) is only a label.
public struct LinearSpec: RecordingSpec, Equatable {
    public static let family = GenerationFamily.linear

    /// Number of independent sources.
    public var k: Int
    /// Number of observed channels (≥ k).
    public var m: Int
    /// Samples per channel.
    public var frames: Int
    /// Samples per stationary segment (defaults give 40 segments).
    public var segmentLength: Int
    /// Label only (Hz).
    public var sampleRate: Double
    /// Per-channel SNR (dB); `nil` for a noiseless mixture.
    public var snrDB: Double?
    /// Upper bound on the condition number of the mixing matrix.
    public var maxCondition: Double
    public var seed: UInt64

    public init(k: Int = 4, m: Int = 8, frames: Int = 20_000, segmentLength: Int = 500,
                sampleRate: Double = 100, snrDB: Double? = 30, maxCondition: Double = 5,
                seed: UInt64 = 1) {
        self.k = k
        self.m = m
        self.frames = frames
        self.segmentLength = segmentLength
        self.sampleRate = sampleRate
        self.snrDB = snrDB
        self.maxCondition = maxCondition
        self.seed = seed
    }

    public func generate() throws -> GeneratedRecording {
        try PerSampleGeneration.generate(.init(
            family: Self.family, k: k, m: m, frames: frames, segmentLength: segmentLength,
            sampleRate: sampleRate, snrDB: snrDB, maxCondition: maxCondition,
            layers: 1, activation: nil, seed: seed))
    }
}
