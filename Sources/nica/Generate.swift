import ArgumentParser
import NicaCore
import Report
import SignalIO
import Synthesis

/// `nica generate`: a recording with a known number of sources, and its truth.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a recording with a known number of sources, plus its truth and sources.",
        discussion: """
        Writes OUT (CSV for the per-sample families, WAV for spectral) and beside it <stem>.truth.json (the generating parameters, including k) and <stem>.sources.csv (the true sources; for spectral, the source envelopes at about 100 Hz).

        For the per-sample families the truth also holds weakestDirectionSNRDB, the SNR of the mixture's weakest source direction (median over samples); a warning says when it is below 0 dB, where the data may not show all k sources.

        Examples:
          nica generate nonlinear --k 3 --m 6 --layers 2 --out data/nonlinear-3src.csv
          nica generate spectral --k 3 --m 2 --seconds 60 --out data/spectral-3src.wav
        """)

    @Argument(help: "Family: linear, nonlinear, spectral, square or ivae (the iVAE protocol: 40 segments × 1000 samples, 5 sources, 3-layer MLP, 5 channels, noiseless unless --snr is given).")
    var family: GenerationFamily

    @Option(help: "Number of independent sources k. (default: 3; 5 for ivae)")
    var k: Int?

    @Option(help: "Number of channels m. (default: 2k for per-sample families, k for ivae, 2 for spectral)")
    var m: Int?

    @Option(help: "Length in samples (per-sample families).")
    var frames: Int = 20_000

    @Option(help: "Length in seconds (spectral).")
    var seconds: Double = 60

    @Option(help: "Signal-to-noise ratio per channel in dB; 'inf' for no noise. (default: 30; none for ivae)")
    var snr: Double?

    @Option(help: "Mixing layers (nonlinear, square; ivae: 3). (default: 2)")
    var layers: Int?

    @Option(help: "Source distribution of the ivae family: gaussian or laplace.")
    var distribution: SourceDistribution = .gaussian

    @Option(help: "Segments of the ivae family.")
    var segments: Int = 40

    @Option(help: "Samples per segment of the ivae family.")
    var segmentLength: Int = 1000

    @Option(help: "Mixing nonlinearity: leakyReLU or tanhLinear (nonlinear, square).")
    var activation: MixingActivation = .tanhLinear

    @Option(help: "Spectral mixing: linear or saturating.")
    var mixing: SpectralMixing = .linear

    @Option(help: "Sample rate in Hz. (default: 100 per-sample, 8000 spectral)")
    var rate: Double?

    @Option(help: "Sample encoding of an audio output: pcm16, pcm24, pcm32, float32 or float64.")
    var encoding: AudioEncoding = .float32

    @Option(help: "Random seed.")
    var seed: UInt64 = 1

    @Option(help: "Output file: .csv (per-sample families) or .wav/.flac (spectral).")
    var out: String

    func run() throws {
        try reportingErrors {
            let snr = self.snr ?? (family == .ivae ? .infinity : 30)
            let noise: Double? = snr.isInfinite ? nil : snr
            let k = self.k ?? (family == .ivae ? 5 : 3)
            let layers = self.layers ?? (family == .ivae ? 3 : 2)
            let recording: GeneratedRecording
            switch family {
            case .linear:
                recording = try LinearSpec(k: k, m: m ?? 2 * k, frames: frames, sampleRate: rate ?? 100,
                                           snrDB: noise, seed: seed).generate()
            case .nonlinear:
                recording = try NonlinearSpec(k: k, m: m ?? 2 * k, frames: frames, layers: layers,
                                              activation: activation, sampleRate: rate ?? 100,
                                              snrDB: noise, seed: seed).generate()
            case .square:
                recording = try SquareSpec(k: k, frames: frames, layers: layers, activation: activation,
                                           sampleRate: rate ?? 100, snrDB: noise, seed: seed).generate()
            case .ivae:
                recording = try IVAESpec(k: k, m: m ?? k, segmentCount: segments, segmentLength: segmentLength,
                                         layers: layers, distribution: distribution, sampleRate: rate ?? 100,
                                         snrDB: noise, seed: seed).generate()
            case .spectral:
                recording = try SpectralSpec(k: k, m: m ?? 2, sampleRate: rate ?? 8000, duration: seconds,
                                             snrDB: noise, mixing: mixing, seed: seed).generate()
            }
            try GeneratedRecordingWriter.write(recording, to: out, audioEncoding: encoding)
            if let weakest = recording.truth.weakestDirectionSNRDB, weakest < 0 {
                writeToStderr("nica: warning: \(out): the weakest source direction lies "
                              + String(format: "%.1f dB", -weakest)
                              + " below the noise over most of the recording, so the data may not show all \(k) sources\n")
            }
        }
    }
}

