/// A nonlinear ICA benchmark: the `LinearSpec` sources through a random multilayer
/// perceptron, following the simulation protocol of iVAE (Khemakhem et al. 2020) and
/// time-contrastive learning (Hyvärinen & Morioka 2016).
///
/// Generative model: segment-wise Laplace sources (standard deviation U(0.5, 3) per segment
/// and source), each standardised to unit variance over the recording so the activation's
/// bend matters (tanh saturates beyond |x| ≈ 1); then `L` layers `h ← W_l h`, the first
/// `m × k` and the rest `m × m`, every matrix with entries U(−1, 1), unit-norm columns and
/// condition number below `maxCondition`; the activation follows every layer but the last
/// (and the only one when `L = 1`); finally white Gaussian noise at `snrDB` per channel.
/// Values are dimensionless; `sampleRate` (Hz) is only a label.
///
/// The `m × m` layers are square, the hardest shape to condition: with `layers ≥ 2` and
/// `m ≥ 12`, raise `maxCondition` (see `RandomMixing.defaultMaxAttempts`).
public struct NonlinearSpec: RecordingSpec, Equatable {
    public static let family = GenerationFamily.nonlinear

    /// Largest accepted number of layers; deeper random networks mostly collapse the data
    /// onto saturated regions and stop being a meaningful benchmark.
    public static let maxLayers = 8

    public var k: Int
    /// Number of observed channels (≥ k).
    public var m: Int
    public var frames: Int
    public var segmentLength: Int
    /// Number of mixing layers L (the iVAE experiments use 1–3).
    public var layers: Int
    public var activation: MixingActivation
    public var sampleRate: Double
    public var snrDB: Double?
    public var maxCondition: Double
    public var seed: UInt64

    public init(k: Int = 4, m: Int = 8, frames: Int = 20_000, segmentLength: Int = 500,
                layers: Int = 3, activation: MixingActivation = .leakyReLU, sampleRate: Double = 100,
                snrDB: Double? = 30, maxCondition: Double = 5, seed: UInt64 = 1) {
        self.k = k
        self.m = m
        self.frames = frames
        self.segmentLength = segmentLength
        self.layers = layers
        self.activation = activation
        self.sampleRate = sampleRate
        self.snrDB = snrDB
        self.maxCondition = maxCondition
        self.seed = seed
    }

    public func generate() throws -> GeneratedRecording {
        try generate(as: Self.family)
    }

    /// Shared with `SquareSpec`, which differs only in its family label and `m = k`.
    func generate(as family: GenerationFamily) throws -> GeneratedRecording {
        try Validate.require(layers >= 1 && layers <= Self.maxLayers, "--layers",
                             "must be between 1 and \(Self.maxLayers) (got \(layers))")
        return try PerSampleGeneration.generate(.init(
            family: family, k: k, m: m, frames: frames, segmentLength: segmentLength,
            sampleRate: sampleRate, snrDB: snrDB, maxCondition: maxCondition,
            layers: layers, activation: activation, seed: seed))
    }
}
