import NicaCore

/// The one entry point for loading an input recording: CSV-like text by extension, anything
/// else through libsndfile, with the same `--channels` and `--rate` handling for both.
public enum SignalReader {
    /// Extensions read as delimited text; everything else is offered to libsndfile, which
    /// recognises audio by content, so a mislabelled file still gets a clear error.
    public static let textExtensions: Set<String> = ["csv", "tsv", "txt"]

    /// Reads the recording at `path` and describes how it was read.
    ///
    /// For audio, `csv.channels` selects channels by index or by `ch<N>` name (names keep the
    /// file's numbering, so channel 3 stays `ch3`), and `csv.sampleRate`, when given,
    /// overrides the header's rate as it overrides a CSV time column. The delimiter option
    /// does not apply to audio.
    /// - Throws: whatever `CSVReader.readWithInfo` or `AudioFile.read` throws.
    public static func read(path: String, csv: CSVOptions = CSVOptions()) throws -> (Signal, SignalSourceInfo) {
        if textExtensions.contains(FilePath.pathExtension(path)) {
            let result = try CSVReader.readWithInfo(path: path, options: csv)
            let delimiter = String(decoding: [result.delimiter], as: UTF8.self)
            let info = SignalSourceInfo(
                path: path, kind: .csv, format: "CSV", delimiter: delimiter, hadHeader: result.hadHeader,
                timeColumn: result.timeColumn, rateSource: result.rateSource,
                sampleRate: result.signal.sampleRate, availableChannels: result.availableChannels,
                selectedChannels: result.signal.channelNames, frameCount: result.signal.frameCount)
            return (result.signal, info)
        }

        try csv.validate()
        let (full, format, encoding) = try AudioFile.readDescribed(path: path)
        return try audio(full, path: path, format: format, encoding: encoding, csv: csv)
    }

    /// How a CSV table was read, for reports.
    static func info(path: String, table: CSVReader.Table) -> SignalSourceInfo {
        SignalSourceInfo(
            path: path, kind: .csv, format: "CSV", delimiter: String(decoding: [table.delimiter], as: UTF8.self),
            hadHeader: table.hadHeader, timeColumn: table.timeColumn, rateSource: table.rateSource,
            sampleRate: table.layout.sampleRate, availableChannels: table.availableChannels,
            selectedChannels: table.layout.channelNames, frameCount: table.layout.frameCount)
    }

    /// The channels `csv.channels` selects of a whole audio recording, at the rate
    /// `csv.sampleRate` gives (else the header's), and how it was read.
    static func audio(_ full: Signal, path: String, format: String, encoding: String,
                      csv: CSVOptions) throws -> (Signal, SignalSourceInfo) {
        let selection = try ChannelSelection.resolve(csv.channels, names: full.channelNames)
        var signal = selection == Array(0..<full.channelCount) ? full : select(selection, from: full)
        var rateSource = SampleRateSource.fileHeader
        if let rate = csv.sampleRate {
            signal.sampleRate = rate
            rateSource = .option
        }
        let info = SignalSourceInfo(
            path: path, kind: .audio, format: format, encoding: encoding, rateSource: rateSource,
            sampleRate: signal.sampleRate, availableChannels: full.channelNames,
            selectedChannels: signal.channelNames, frameCount: signal.frameCount)
        return (signal, info)
    }

    /// The given channels of `signal`, in the given order (channels are contiguous, so each
    /// is one block copy).
    static func select(_ channels: [Int], from signal: Signal) -> Signal {
        var samples: [Float] = []
        samples.reserveCapacity(channels.count * signal.frameCount)
        for c in channels { samples.append(contentsOf: signal.channel(c)) }
        return Signal(samples: samples, channelCount: channels.count, frameCount: signal.frameCount,
                      sampleRate: signal.sampleRate, channelNames: channels.map { signal.channelNames[$0] })
    }
}
