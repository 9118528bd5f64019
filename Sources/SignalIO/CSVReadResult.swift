import NicaCore

extension CSVReader {
    /// A parsed CSV input together with what the parser decided about it, so a report can
    /// show how the file was understood (header or not, which column was time, and whether
    /// the sample rate was measured, given or assumed).
    public struct Result: Equatable, Sendable {
        /// The selected channels, channel-major, with their names.
        public var signal: Signal
        /// Whether the first row was taken as a header (it had a non-numeric or quoted field).
        public var hadHeader: Bool
        /// The header name of the time column (`time` or `t`, any case), if there was one.
        public var timeColumn: String?
        /// Where `signal.sampleRate` came from.
        public var rateSource: SampleRateSource
        /// The delimiter used (given or detected).
        public var delimiter: UInt8
        /// Every data column's name (header names, or `ch0`, `ch1`, …), before `--channels`.
        public var availableChannels: [String]

        /// Creates a result; the reader is the only producer, tests may build expectations.
        public init(signal: Signal, hadHeader: Bool, timeColumn: String?, rateSource: SampleRateSource,
                    delimiter: UInt8, availableChannels: [String]) {
            self.signal = signal
            self.hadHeader = hadHeader
            self.timeColumn = timeColumn
            self.rateSource = rateSource
            self.delimiter = delimiter
            self.availableChannels = availableChannels
        }
    }
}

extension CSVReader {
    /// A parsed CSV input as it was laid out (one row per frame), with what the parser
    /// decided about it (see `Result`).
    public struct Table: Equatable, Sendable {
        /// The selected channels, `frames × channels`: row `t` holds frame `t`.
        public var frames: Matrix
        /// Channels (names), frames and sample rate.
        public var layout: SignalLayout
        /// As in `Result`: whether the first row was a header, the time column's name, where
        /// the rate came from, and the delimiter used.
        public var hadHeader: Bool
        public var timeColumn: String?
        public var rateSource: SampleRateSource
        public var delimiter: UInt8
        /// Every data column's name, before `--channels`.
        public var availableChannels: [String]

        /// Creates a table; the reader is the only producer, tests may build expectations.
        public init(frames: Matrix, layout: SignalLayout, hadHeader: Bool, timeColumn: String?,
                    rateSource: SampleRateSource, delimiter: UInt8, availableChannels: [String]) {
            self.frames = frames
            self.layout = layout
            self.hadHeader = hadHeader
            self.timeColumn = timeColumn
            self.rateSource = rateSource
            self.delimiter = delimiter
            self.availableChannels = availableChannels
        }
    }
}
