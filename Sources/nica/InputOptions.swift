import ArgumentParser
import Foundation
import NicaCore
import SignalIO

/// How to read the input file.
struct InputOptions: ParsableArguments {
    @Option(help: "Sample rate in Hz for a CSV without a time column (overrides a time column or audio header). (default: from the time column or the audio header, else 1 Hz)")
    var rate: Double?

    @Option(help: "Channels to use, comma-separated: 0-based indices or CSV header names. (default: all)")
    var channels: String?

    @Option(help: "CSV field delimiter: ',', ';' or 'tab'. (default: detected from the first line)")
    var delimiter: String?

    @Option(help: "Format of standard input (the input '-'): csv or wav (any audio libsndfile reads). (default: detected from the first bytes)")
    var format: InputFormat?

    func validate() throws {
        if let delimiter, delimiter.utf8.count != 1 && delimiter != "tab" && delimiter != "\\t" {
            throw ValidationError("--delimiter expects one character such as ',' or ';', or 'tab', got '\(delimiter)'")
        }
    }

    var csvOptions: CSVOptions {
        let selected = channels.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let byte: UInt8? = delimiter.map { $0 == "tab" || $0 == "\\t" ? 9 : ($0.utf8.first ?? 44) }
        return CSVOptions(channels: selected, sampleRate: rate, delimiter: byte)
    }
}

extension InputOptions {
    /// Opens the input `path` for analysis (streamed where it can be; see `RecordingSource`).
    func open(_ path: String) throws -> RecordingSource {
        path == StandardInput.path
            ? try StandardInput.open(format: format, csv: csvOptions)
            : try SignalReader.open(path: path, csv: csvOptions)
    }
}
