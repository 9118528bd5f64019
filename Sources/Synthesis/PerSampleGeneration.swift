import NicaCore

/// The pipeline shared by the per-sample families (`linear`, `nonlinear`, `square`):
/// segmented Laplace sources → mixing network → sensor noise. Only the network differs.
enum PerSampleGeneration {
    struct Parameters {
        var family: GenerationFamily
        var k: Int
        var m: Int
        var frames: Int
        var segmentLength: Int
        var sampleRate: Double
        var snrDB: Double?
        var maxCondition: Double
        var layers: Int
        var activation: MixingActivation?
        var seed: UInt64
    }

    static func validate(_ p: Parameters) throws {
        try Validate.sourcesAndChannels(k: p.k, m: p.m, perSample: true)
        try Validate.require(p.frames >= 2, "--frames", "needs at least 2 frames (got \(p.frames))")
        try Validate.require(p.segmentLength >= 1 && p.segmentLength <= p.frames, "--segment-length",
                             "must be between 1 and the number of frames, \(p.frames) (got \(p.segmentLength))")
        try Validate.sampleRate(p.sampleRate)
        try Validate.snr(p.snrDB)
        try Validate.require(p.maxCondition.isFinite && p.maxCondition > 1, "--max-condition",
                             "must be a finite number above 1 (got \(p.maxCondition))")
    }

    static func generate(_ p: Parameters) throws -> GeneratedRecording {
        try validate(p)
        // One fork per purpose, always drawn in this order: the sources do not change when
        // the mixing or the noise level does, and a noiseless run has the same mixture.
        var root = SeededRNG(seed: p.seed)
        var sourceRNG = root.fork()
        var mixingRNG = root.fork()
        var noiseRNG = root.fork()

        let (sources, segmentSDs) = SegmentedLaplaceSources.generate(
            k: p.k, frames: p.frames, segmentLength: p.segmentLength, rng: &sourceRNG)
        let network = try MixingNetwork.random(
            k: p.k, m: p.m, layers: p.layers, activation: p.activation,
            maxCondition: p.maxCondition, rng: &mixingRNG)
        var channels = network.apply(to: sources)
        var weakest: Double? = nil
        if let snrDB = p.snrDB {
            weakest = try SourceDetectability.weakestDirectionSNRDB(
                network: network, sources: sources, segmentLength: p.segmentLength,
                noiseVariances: AdditiveNoise.noiseVariances(of: channels, snrDB: snrDB))
            AdditiveNoise.add(to: &channels, snrDB: snrDB, rng: &noiseRNG)
        }

        let truth = GenerationTruth(
            family: p.family, k: p.k, m: p.m, frames: p.frames, sampleRate: p.sampleRate,
            snrDB: p.snrDB, seed: p.seed, layers: p.layers, activation: p.activation,
            mixing: network.layers, outputGain: 1,
            segmentLength: p.segmentLength, segmentCount: segmentSDs.count,
            segmentStandardDeviations: segmentSDs, weakestDirectionSNRDB: weakest)
        return GeneratedRecording(
            signal: ChannelArrays.signal(channels: channels, frames: p.frames, sampleRate: p.sampleRate),
            sources: ChannelArrays.matrix(columns: sources, frames: p.frames),
            envelopes: nil, truth: truth)
    }
}
