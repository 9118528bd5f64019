import ArgumentParser
import Report
import SignalIO

/// `nica info`: what a recording holds, as nica reads it.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe a recording: channels, sample rate, duration, per-channel min/max/mean/RMS, and library versions.",
        discussion: """
        The file is read exactly as 'nica analyze' reads it (same --rate, --channels, --delimiter), so this shows what an analysis would see.

        Examples:
          nica info data/spectral-3src.wav
          nica info log.csv --channels ax,ay,az --json
        """)

    @Argument(help: "Input recording: .csv or any audio file libsndfile reads.")
    var file: String

    @OptionGroup var input: InputOptions

    @Flag(help: "Print one JSON object on stdout instead of the text.")
    var json = false

    func run() throws {
        try reportingErrors {
            let recording = try input.open(file)
            let tap = InputTap(recording, overview: false, statistics: true)
            try tap.drain()
            let summary = InputSummary(layout: recording.layout, source: recording.info,
                                       channelStatistics: tap.channelStatistics, versions: LibraryVersions.all)
            print(json ? try JSONRendering.render(summary) : summary.text(), terminator: json ? "\n" : "")
        }
    }
}
