import ArgumentParser
import Report
import SignalIO

/// `nica score`: the MCC between exported latent traces and known sources.
struct Score: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score latent traces against known sources: mean correlation coefficient (MCC) and the matching.",
        discussion: """
        LATENTS is a latents.csv written by nica analyze --out (its z… columns are scored); SOURCES a sources.csv written by nica generate, of the same length. The MCC is the mean over sources of |Pearson correlation| with the matched latent, the matching found by the Hungarian algorithm.

        Example:
          nica score results/latents.csv cases/ivae.sources.csv
        """)

    @Argument(help: "latents.csv from nica analyze --out.")
    var latents: String

    @Argument(help: "sources.csv from nica generate.")
    var sources: String

    @Flag(help: "Print exactly one JSON object on stdout.")
    var json = false

    func run() throws {
        try reportingErrors {
            let (latentSignal, _) = try SignalReader.read(path: latents)
            let (sourceSignal, _) = try SignalReader.read(path: sources)
            let report = try ScoreReport(latents: latentSignal, latentsPath: latents,
                                         sources: sourceSignal, sourcesPath: sources)
            print(json ? try JSONRendering.render(report) : report.text, terminator: json ? "\n" : "")
        }
    }
}
