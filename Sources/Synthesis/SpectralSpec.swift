import NicaCore

/// Band-limited sources with independent slow envelopes, for models that work on
/// short-time spectra (where only the band-power envelopes, not the waveforms, are
/// independent components).
///
/// Generative model: `k` bands with centres log-spaced over `band × sampleRate` (with
/// jitter) and constant relative bandwidth (see `relativeBandwidth`). Source `j` is
/// `s_j(t) = e_j(t) · c_j(t)`: a unit-variance carrier `c_j` — a sinusoid at `f_j` with slow
/// phase drift, or white noise through a band-pass around `f_j` — times a positive envelope
/// `e_j(t) = exp(σ·z_j(t))`, `z_j` being unit-variance low-passed Gaussian noise with time
/// constant τ_j ~ U(`envelopeTimeConstants`) seconds. This follows the amplitude-modulation
/// view of natural sounds (McDermott & Simoncelli 2011) and the log-power latent model of
/// spectrogram ICA/NMF. The `m` channels are `x = G s` with positive gains G ~ U(0.3, 1)
/// (optionally soft-clipped, `mixing = .saturating`), then white Gaussian noise at `snrDB`
/// per channel, then one common gain bringing the peak to 0.9 (full scale 1) so a WAV export
/// does not clip. `k` counts the independent envelopes; `m` may be smaller than `k`, even 1.
public struct SpectralSpec: RecordingSpec, Equatable {
    public static let family = GenerationFamily.spectral
    /// Peak absolute value of the output (full scale = 1).
    public static let peakLevel = 0.9
    /// Range of the mixing gains.
    public static let gainRange = 0.3..<1.0

    /// Number of sources (independent envelopes).
    public var k: Int
    /// Number of channels (any ≥ 1).
    public var m: Int
    /// Samples per second (Hz).
    public var sampleRate: Double
    /// Length (s); the recording has `round(duration · sampleRate)` frames.
    public var duration: Double
    /// Per-channel SNR (dB); `nil` for no noise.
    public var snrDB: Double?
    /// One kind per source (band order); `nil` = half oscillations, half noise bands, in a
    /// seeded random order.
    public var sourceKinds: [SpectralSourceKind]?
    public var mixing: SpectralMixing
    /// Soft-clipping drive on unit-RMS channels (used only with `.saturating`).
    public var drive: Double
    /// Standard deviation σ of each log-envelope (nepers).
    public var envelopeSigma: Double
    /// Range (s) of the envelopes' low-pass time constants.
    public var envelopeTimeConstants: ClosedRange<Double>
    /// Range of the band centres as fractions of the sample rate (below Nyquist, 0.5).
    public var band: ClosedRange<Double>
    /// Desired bandwidth / centre frequency; narrowed automatically when many bands must
    /// share the range, so neighbours stay ≥ 3 bandwidths apart.
    public var relativeBandwidth: Double
    public var seed: UInt64

    public init(k: Int = 4, m: Int = 2, sampleRate: Double = 8000, duration: Double = 60,
                snrDB: Double? = 30, sourceKinds: [SpectralSourceKind]? = nil,
                mixing: SpectralMixing = .linear, drive: Double = 0.6, envelopeSigma: Double = 0.8,
                envelopeTimeConstants: ClosedRange<Double> = 0.5...2, band: ClosedRange<Double> = 0.05...0.4,
                relativeBandwidth: Double = 0.1, seed: UInt64 = 1) {
        self.k = k
        self.m = m
        self.sampleRate = sampleRate
        self.duration = duration
        self.snrDB = snrDB
        self.sourceKinds = sourceKinds
        self.mixing = mixing
        self.drive = drive
        self.envelopeSigma = envelopeSigma
        self.envelopeTimeConstants = envelopeTimeConstants
        self.band = band
        self.relativeBandwidth = relativeBandwidth
        self.seed = seed
    }

    /// Number of samples per channel.
    public var frames: Int {
        let n = (duration * sampleRate).rounded()
        return n.isFinite && n < Double(Int.max) ? Int(n) : 0
    }

    func validate() throws {
        try Validate.sourcesAndChannels(k: k, m: m, perSample: false)
        try Validate.sampleRate(sampleRate)
        try Validate.require(duration.isFinite && duration > 0 && frames >= 2, "--seconds",
                             "must give at least 2 samples at \(sampleRate) Hz (got \(duration) s)")
        try Validate.snr(snrDB)
        if let sourceKinds {
            try Validate.require(sourceKinds.count == k, "--source-kinds",
                                 "needs one kind per source: \(sourceKinds.count) kinds for k = \(k)")
        }
        try Validate.require(drive.isFinite && drive > 0, "--drive", "must be positive (got \(drive))")
        try Validate.require(envelopeSigma.isFinite && envelopeSigma >= 0, "--envelope-sigma",
                             "must be a non-negative number (got \(envelopeSigma))")
        try Validate.require(envelopeTimeConstants.lowerBound > 0 && envelopeTimeConstants.upperBound.isFinite,
                             "--envelope-time-constant",
                             "must be a range of positive seconds (got \(envelopeTimeConstants))")
        try Validate.require(band.lowerBound > 0 && band.upperBound < 0.5 && band.lowerBound < band.upperBound,
                             "--band", "must be a range of fractions of the sample rate inside (0, 0.5) (got \(band))")
        try Validate.require(relativeBandwidth > 0 && relativeBandwidth <= 0.5, "--bandwidth",
                             "must be a fraction of the centre frequency in (0, 0.5] (got \(relativeBandwidth))")
    }

    public func generate() throws -> GeneratedRecording {
        try validate()
        let frames = self.frames
        // One fork per purpose, always in this order, so e.g. switching the mixing or the
        // noise level leaves the bands, carriers and envelopes unchanged.
        var root = SeededRNG(seed: seed)
        var bandRNG = root.fork()
        var kindRNG = root.fork()
        var carrierRNG = root.fork()
        var envelopeRNG = root.fork()
        var mixingRNG = root.fork()
        var noiseRNG = root.fork()

        let layout = BandLayout.random(k: k, sampleRate: sampleRate, lower: band.lowerBound,
                                       upper: band.upperBound, relativeBandwidth: relativeBandwidth,
                                       rng: &bandRNG)
        let kinds = sourceKinds ?? SpectralSourceKind.mixed(count: k, rng: &kindRNG)

        var timeConstantRNG = envelopeRNG.fork()
        let timeConstants = (0..<k).map { _ in
            timeConstantRNG.uniform(envelopeTimeConstants.lowerBound, envelopeTimeConstants.upperBound)
        }
        var sources = [[Double]]()
        var envelopes = [[Double]]()
        for j in 0..<k {
            var sourceCarrierRNG = carrierRNG.fork()
            var sourceEnvelopeRNG = envelopeRNG.fork()
            let carrier = SpectralCarrier.generate(
                kind: kinds[j], centre: layout.centres[j], bandwidth: layout.bandwidths[j],
                sampleRate: sampleRate, frames: frames, rng: &sourceCarrierRNG)
            let envelope = SlowEnvelope.generate(
                sigma: envelopeSigma, timeConstant: timeConstants[j], sampleRate: sampleRate,
                frames: frames, rng: &sourceEnvelopeRNG)
            sources.append((0..<frames).map { carrier[$0] * envelope[$0] })
            envelopes.append(envelope)
        }

        let gains = (0..<(m * k)).map { _ in
            Float(mixingRNG.uniform(Self.gainRange.lowerBound, Self.gainRange.upperBound))
        }
        let mixingLayer = MixingLayer(rows: m, cols: k, entries: gains, conditionNumber: nil)
        var channels = mixingLayer.apply(to: sources)
        if mixing == .saturating {
            for c in channels.indices { SoftClipping.apply(to: &channels[c], drive: drive) }
        }
        if let snrDB { AdditiveNoise.add(to: &channels, snrDB: snrDB, rng: &noiseRNG) }

        var peak = 0.0
        for channel in channels { for v in channel { peak = max(peak, abs(v)) } }
        let outputGain = peak > 0 ? Self.peakLevel / peak : 1
        for c in channels.indices { for t in channels[c].indices { channels[c][t] *= outputGain } }

        let truth = GenerationTruth(
            family: Self.family, k: k, m: m, frames: frames, sampleRate: sampleRate, snrDB: snrDB,
            seed: seed, layers: 1, activation: nil, mixing: [mixingLayer], outputGain: outputGain,
            bandCentresHz: layout.centres, bandwidthsHz: layout.bandwidths, sourceKinds: kinds,
            envelopeSigma: envelopeSigma, envelopeTimeConstants: timeConstants,
            spectralMixing: mixing, drive: mixing == .saturating ? drive : nil)
        return GeneratedRecording(
            signal: ChannelArrays.signal(channels: channels, frames: frames, sampleRate: sampleRate),
            sources: ChannelArrays.matrix(columns: sources, frames: frames),
            envelopes: ChannelArrays.matrix(columns: envelopes, frames: frames),
            truth: truth)
    }
}
