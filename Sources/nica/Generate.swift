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

        Examples:
          nica generate nonlinear --k 3 --m 6 --layers 2 --out data/nonlinear-3src.csv
          nica generate spectral --k 3 --m 2 --seconds 60 --out data/spectral-3src.wav
        """)

    @Argument(help: "Family: linear, nonlinear, spectral or square.")
    var family: GenerationFamily

    @Option(help: "Number of independent sources k.")
    var k: Int = 3

    @Option(help: "Number of channels m. (default: 2k for per-sample families, 2 for spectral)")
    var m: Int?

    @Option(help: "Length in samples (per-sample families).")
    var frames: Int = 20_000

    @Option(help: "Length in seconds (spectral).")
    var seconds: Double = 60

    @Option(help: "Signal-to-noise ratio per channel in dB; 'inf' for no noise.")
    var snr: Double = 30

    @Option(help: "Mixing layers (nonlinear, square).")
    var layers: Int = 2

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
            let noise: Double? = snr.isInfinite ? nil : snr
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
            case .spectral:
                recording = try SpectralSpec(k: k, m: m ?? 2, sampleRate: rate ?? 8000, duration: seconds,
                                             snrDB: noise, mixing: mixing, seed: seed).generate()
            }
            try GeneratedRecordingWriter.write(recording, to: out, audioEncoding: encoding)
        }
    }
}

