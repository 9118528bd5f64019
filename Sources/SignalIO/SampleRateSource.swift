/// Where the sample rate of a loaded signal came from, so a report can say whether the rate
/// was measured (time column, audio header), given by the user, or merely assumed.
public enum SampleRateSource: String, Codable, Equatable, Sendable, CaseIterable {
    /// Inferred from a CSV time column as 1 / median of the time differences.
    case timeColumn = "time-column"
    /// Given explicitly (`--rate`); it overrides a time column or an audio header.
    case option
    /// Nothing said what the rate is: 1 Hz was assumed, so times are in samples.
    case `default`
    /// Read from an audio file's header.
    case fileHeader = "file-header"
}
