import ArgumentParser
import ModelStore
import NicaCore
import Pipeline
import Report
import SignalIO

/// `nica encode`: apply a saved model to a new recording.
struct Encode: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply a model saved by 'nica analyze --save-model' to a recording and export its latent traces.",
        discussion: """
        The recording is cut into windows and turned into features exactly as in training, standardised with the training statistics (not refitted), and encoded; the per-latent KL and the source count use the model's counting rule. No training happens. The input must have as many channels as the training recording.

        Examples:
          nica analyze data/nonlinear-3src.csv --save-model model.safetensors
          nica encode --model model.safetensors data/nonlinear-3src.csv --out encoded/
        """)

    @Option(help: "Model file written by 'nica analyze --save-model'.")
    var model: String

    @Argument(help: "Input recording: .csv or any audio file libsndfile reads, with the training recording's channels.")
    var file: String

    @OptionGroup var input: InputOptions

    @Option(help: "Directory for report.json, report.html, latents.csv/.wav/.npy and the plots kl.svg, latents.svg, training.svg (created if missing). (default: none, only stdout)")
    var out: String?

    @Flag(help: "Write every latent dimension to latents.wav and latents.npy, not only the active ones (latents.csv always has all).")
    var exportAll = false

    @Option(help: "OpenBLAS threads.")
    var threads: Int = 1

    @Flag(help: "Print exactly one JSON object on stdout instead of the summary.")
    var json = false

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        try reportingErrors {
            let trained = try ModelFile.read(path: model)
            let recording = try input.open(file)
            let progress = progressOptions.printer
            let tap = InputTap(recording, overview: out != nil)
            let result = try EncodingPipeline.run(source: tap, model: trained, threads: threads, progress: progress.handler)
            progress.finish(sources: result.count.sources)
            let document = ReportDocument(result: result, input: .init(path: file, source: recording.info, layout: recording.layout),
                                          versions: LibraryVersions.all)
            if let out {
                try ResultExporter.write(result: result, document: document, to: out,
                                         options: .init(overview: tap.overview, includeInactive: exportAll))
            }
            print(json ? try JSONRendering.render(document) : SummaryText.render(document), terminator: json ? "\n" : "")
        }
    }
}
