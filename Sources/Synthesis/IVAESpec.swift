import NicaCore

/// The simulation protocol of iVAE (Khemakhem, Kingma, Monti & Hyvärinen, "Variational
/// Autoencoders and Nonlinear ICA: A Unifying Framework", AISTATS 2020, section 6), the
/// common ground on which identifiable models are compared.
///
/// Generative model: `segmentCount` segments of `segmentLength` samples (40 × 1000); within
/// segment u, source j is i.i.d. Gaussian or Laplace with standard deviation λ_uj drawn from
/// U(0.5, 3); each source is then standardised to unit variance over the recording. The
/// mixing is an MLP of `layers` (3) layers (first `m × k`, then `m × m`; 5 × 5 in the
/// protocol), activation tanh(x) + 0.1x after every layer but the last (after the only one
/// when `layers` is 1, as in `MixingNetwork`). Every matrix has
/// entries U(−1, 1) and unit-norm columns, and is redrawn until its condition number is
/// below the 25th percentile of the condition numbers of 10,000 random draws of its shape
/// (the percentile is computed from the seed, so it is reproducible). Noise is added only when
/// `snrDB` is given; the protocol itself is noiseless.
public struct IVAESpec: RecordingSpec, Equatable {
    public static let family = GenerationFamily.ivae

    /// Random draws whose condition numbers define the acceptance threshold.
    public static let conditionSampleCount = 10_000
    /// The percentile of those condition numbers a layer must stay below.
    public static let conditionPercentile = 25.0

    public var k: Int
    public var m: Int
    public var segmentCount: Int
    public var segmentLength: Int
    public var layers: Int
    public var distribution: SourceDistribution
    public var sampleRate: Double
    public var snrDB: Double?
    public var seed: UInt64

    public init(k: Int = 5, m: Int = 5, segmentCount: Int = 40, segmentLength: Int = 1000, layers: Int = 3,
                distribution: SourceDistribution = .gaussian, sampleRate: Double = 100,
                snrDB: Double? = nil, seed: UInt64 = 1) {
        self.k = k
        self.m = m
        self.segmentCount = segmentCount
        self.segmentLength = segmentLength
        self.layers = layers
        self.distribution = distribution
        self.sampleRate = sampleRate
        self.snrDB = snrDB
        self.seed = seed
    }

    public func generate() throws -> GeneratedRecording {
        try Validate.sourcesAndChannels(k: k, m: m, perSample: true)
        try Validate.require(segmentCount >= 1, "--segments", "must be at least 1 (got \(segmentCount))")
        try Validate.require(segmentLength >= 1, "--segment-length", "must be at least 1 sample (got \(segmentLength))")
        try Validate.require(layers >= 1 && layers <= NonlinearSpec.maxLayers, "--layers",
                             "must be between 1 and \(NonlinearSpec.maxLayers) (got \(layers))")
        try Validate.sampleRate(sampleRate)
        try Validate.snr(snrDB)
        let frames = segmentCount * segmentLength
        var root = SeededRNG(seed: seed)
        var sourceRNG = root.fork()
        var mixingRNG = root.fork()
        var noiseRNG = root.fork()
        var thresholdRNG = root.fork()

        var scaleRNG = sourceRNG.fork()
        let scales = (0..<segmentCount).map { _ in
            (0..<k).map { _ in
                scaleRNG.uniform(SegmentedLaplaceSources.standardDeviationRange.lowerBound,
                                 SegmentedLaplaceSources.standardDeviationRange.upperBound)
            }
        }
        var sources = [[Double]]()
        for j in 0..<k {
            var sampleRNG = sourceRNG.fork()
            var x = [Double](repeating: 0, count: frames)
            for t in 0..<frames {
                x[t] = distribution.draw(standardDeviation: scales[t / segmentLength][j], rng: &sampleRNG)
            }
            ChannelArrays.standardise(&x)
            sources.append(x)
        }

        // Each layer shape gets its own threshold: a tall m × k matrix is better conditioned
        // than a square m × m one, so one shared threshold would be too strict or too loose.
        let firstThreshold = try Self.conditionThreshold(rows: m, cols: k, rng: &thresholdRNG)
        let squareThreshold = m == k || layers == 1
            ? firstThreshold : try Self.conditionThreshold(rows: m, cols: m, rng: &thresholdRNG)
        var drawn = [MixingLayer]()
        for l in 0..<layers {
            var layerRNG = mixingRNG.fork()
            drawn.append(try RandomMixing.wellConditionedLayer(
                rows: m, cols: l == 0 ? k : m, maxCondition: l == 0 ? firstThreshold : squareThreshold,
                rng: &layerRNG))
        }
        let network = MixingNetwork(layers: drawn, activation: .tanhLinear)
        var channels = network.apply(to: sources)
        var weakest: Double? = nil
        if let snrDB {
            weakest = try SourceDetectability.weakestDirectionSNRDB(
                network: network, sources: sources, segmentLength: segmentLength,
                noiseVariances: AdditiveNoise.noiseVariances(of: channels, snrDB: snrDB))
            AdditiveNoise.add(to: &channels, snrDB: snrDB, rng: &noiseRNG)
        }

        let truth = GenerationTruth(
            family: Self.family, k: k, m: m, frames: frames, sampleRate: sampleRate,
            snrDB: snrDB, seed: seed, layers: layers, activation: .tanhLinear,
            mixing: network.layers, outputGain: 1,
            segmentLength: segmentLength, segmentCount: segmentCount,
            segmentStandardDeviations: scales, weakestDirectionSNRDB: weakest, sourceDistribution: distribution,
            maxConditionNumber: firstThreshold)
        return GeneratedRecording(
            signal: ChannelArrays.signal(channels: channels, frames: frames, sampleRate: sampleRate),
            sources: ChannelArrays.matrix(columns: sources, frames: frames),
            envelopes: nil, truth: truth)
    }

    /// The 25th percentile of the condition numbers of 10,000 random `rows × cols` matrices
    /// with entries U(−1, 1) and unit-norm columns (nearest-rank percentile).
    public static func conditionThreshold(rows: Int, cols: Int, rng: inout SeededRNG) throws -> Double {
        var values = [Double]()
        values.reserveCapacity(conditionSampleCount)
        for _ in 0..<conditionSampleCount {
            values.append(try RandomMixing.conditionNumber(
                of: RandomMixing.unitColumnMatrix(rows: rows, cols: cols, rng: &rng)))
        }
        values.sort()
        let rank = Int((conditionPercentile / 100 * Double(conditionSampleCount)).rounded(.up))
        return values[max(0, rank - 1)]
    }
}
