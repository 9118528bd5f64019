/// What a report should say about where a signal came from and how the input was
/// understood: the container, CSV layout decisions, the origin of the sample rate, and which
/// channels were kept.
public struct SignalSourceInfo: Codable, Equatable, Sendable {
    /// The two input families, which differ in which of the other fields apply.
    public enum Kind: String, Codable, Equatable, Sendable {
        /// Delimited text read by `CSVReader`.
        case csv
        /// Audio read through libsndfile.
        case audio
    }

    /// The input path as given.
    public var path: String
    /// CSV text or an audio file read through libsndfile.
    public var kind: Kind
    /// A human-readable container name: "CSV" or libsndfile's ("WAV (Microsoft)", "FLAC …").
    public var format: String
    /// The audio sample encoding as libsndfile names it ("Signed 16 bit PCM"); `nil` for CSV.
    public var encoding: String?
    /// The CSV delimiter used (given or detected); `nil` for audio.
    public var delimiter: String?
    /// Whether the CSV had a header row; `nil` for audio.
    public var hadHeader: Bool?
    /// The CSV time column's header name, if there was one.
    public var timeColumn: String?
    /// Where the sample rate came from.
    public var rateSource: SampleRateSource
    /// The sample rate given to the signal, in Hz.
    public var sampleRate: Double
    /// Every channel in the file, before `--channels`.
    public var availableChannels: [String]
    /// The channels kept, in order (the signal's channel names).
    public var selectedChannels: [String]
    /// Frames (rows, samples per channel) read.
    public var frameCount: Int

    /// Creates a description; `SignalReader` fills it, tests and reports may build one.
    public init(path: String, kind: Kind, format: String, encoding: String? = nil, delimiter: String? = nil,
                hadHeader: Bool? = nil, timeColumn: String? = nil, rateSource: SampleRateSource,
                sampleRate: Double, availableChannels: [String], selectedChannels: [String], frameCount: Int) {
        self.path = path
        self.kind = kind
        self.format = format
        self.encoding = encoding
        self.delimiter = delimiter
        self.hadHeader = hadHeader
        self.timeColumn = timeColumn
        self.rateSource = rateSource
        self.sampleRate = sampleRate
        self.availableChannels = availableChannels
        self.selectedChannels = selectedChannels
        self.frameCount = frameCount
    }
}
