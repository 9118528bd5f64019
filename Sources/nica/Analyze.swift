import ArgumentParser
import Features
import ModelStore
import NicaCore
import Pipeline
import Report
import SignalIO

/// `nica analyze`: estimate the number of sources in a recording and export the latent traces.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Estimate how many independent sources a recording holds and export their latent traces.",
        discussion: """
        Per-sample mode (the default, --window 1 --features raw) treats every time step as one observation x(t) = f(s(t)). Spectral mode (--window W > 1 with magnitude or logpower) treats each window's spectrum as one observation.

        Examples:
          nica analyze data/nonlinear-3src.csv
          nica analyze data/spectral-3src.wav --window 256 --hop 128 \\
              --features logpower --out results/
          cat log.csv | nica analyze - --progress json --out results/
        """)

    @Argument(help: "Input recording: .csv (one column per channel, optional header and time column) or any audio file libsndfile reads (WAV, FLAC, …).")
    var file: String

    @OptionGroup var input: InputOptions

    @Option(help: "Window length in samples; 1 = per-sample mode.")
    var window: Int = 1

    @Option(help: "Hop between windows in samples. (default: window / 2, or 1 in per-sample mode)")
    var hop: Int?

    @Option(help: "Features per window: raw, magnitude or logpower.")
    var features: FeatureKind = .raw

    @Option(help: "Adjacent FFT bins averaged into one feature (spectral modes), in bins. (default: about 32 features per channel, e.g. 4 for a 256-sample window)")
    var poolBins: Int?

    @OptionGroup var model: ModelOptions

    @OptionGroup var identifiability: IdentifiabilityOptions

    @Option(help: "Directory for report.json, report.html, latents.csv/.wav/.npy and the plots kl.svg, latents.svg, training.svg (created if missing). (default: none, only stdout)")
    var out: String?

    @Option(name: .customLong("save-model"), help: "Also write the trained model to this file (safetensors: weights plus feature settings, standardisation, counting rule, seed) for 'nica encode'. (default: not saved)")
    var saveModel: String?

    @Flag(help: "Write every latent dimension to latents.wav and latents.npy, not only the active ones (latents.csv always has all).")
    var exportAll = false

    @Flag(help: "Print exactly one JSON object on stdout instead of the summary.")
    var json = false

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        guard window >= 1 else { throw ValidationError("--window must be at least 1 sample, got \(window)") }
        if let hop, hop < 1 { throw ValidationError("--hop must be at least 1 sample, got \(hop)") }
        if let poolBins, poolBins < 1 { throw ValidationError("--pool-bins must be at least 1, got \(poolBins)") }
        if window == 1 && features != .raw {
            throw ValidationError("--features \(features.rawValue) needs --window of at least 2 samples (per-sample mode uses raw)")
        }
        try model.validate()
        try identifiability.validate()
    }

    func run() throws {
        try reportingErrors {
            let recording = try input.open(file)
            if let out { try OutputDirectory.prepare(out) }
            let featureConfig = FeatureConfig(window: window, hop: hop ?? max(1, window / 2), kind: features,
                                              poolBins: poolBins ?? 1)
            var settings = model.settings(features: featureConfig)
            settings.automaticPooling = poolBins == nil
            identifiability.apply(to: &settings)
            let progress = progressOptions.printer
            // The input's envelopes for latents.svg are gathered while the recording streams past.
            let tap = InputTap(recording, overview: out != nil)
            let result = try AnalysisPipeline.run(source: tap, settings: settings, progress: progress.handler)
            for warning in result.warnings { progress.warn(warning) }
            progress.finish(sources: result.count.sources)
            let layout = recording.layout
            let document = ReportDocument(result: result, input: .init(path: file, source: recording.info, layout: layout),
                                          versions: LibraryVersions.all)
            if let saveModel {
                try ModelFile.write(result.trainedModel(channelNames: layout.channelNames, sampleRate: layout.sampleRate),
                                    to: saveModel)
            }
            if let out {
                try ResultExporter.write(result: result, document: document, to: out,
                                         options: .init(overview: tap.overview, includeInactive: exportAll))
            }
            print(json ? try JSONRendering.render(document) : SummaryText.render(document), terminator: json ? "\n" : "")
        }
    }
}
