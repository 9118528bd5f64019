/// The `nonlinear` family with exactly as many channels as sources (`m = k`), the setting
/// of the original TCL and iVAE experiments, where the mixing is a bijection of ℝᵏ and no
/// dimensionality reduction can hint at k. See `NonlinearSpec` for the generative model.
///
/// Square matrices are the hardest to condition: with the default threshold 5 about 1 draw
/// in 1,400 qualifies at k = 10 and 1 in 75,000 at k = 12; from k = 12 on, raise
/// `maxCondition` (e.g. to 2k), or generation fails with `--max-condition`.
public struct SquareSpec: RecordingSpec, Equatable {
    public static let family = GenerationFamily.square

    /// Number of sources, and of channels.
    public var k: Int
    public var frames: Int
    public var segmentLength: Int
    public var layers: Int
    public var activation: MixingActivation
    public var sampleRate: Double
    public var snrDB: Double?
    public var maxCondition: Double
    public var seed: UInt64

    public init(k: Int = 4, frames: Int = 20_000, segmentLength: Int = 500, layers: Int = 3,
                activation: MixingActivation = .leakyReLU, sampleRate: Double = 100,
                snrDB: Double? = 30, maxCondition: Double = 5, seed: UInt64 = 1) {
        self.k = k
        self.frames = frames
        self.segmentLength = segmentLength
        self.layers = layers
        self.activation = activation
        self.sampleRate = sampleRate
        self.snrDB = snrDB
        self.maxCondition = maxCondition
        self.seed = seed
    }

    /// The equivalent nonlinear spec.
    public var nonlinear: NonlinearSpec {
        NonlinearSpec(k: k, m: k, frames: frames, segmentLength: segmentLength, layers: layers,
                      activation: activation, sampleRate: sampleRate, snrDB: snrDB,
                      maxCondition: maxCondition, seed: seed)
    }

    public func generate() throws -> GeneratedRecording {
        try nonlinear.generate(as: Self.family)
    }
}
