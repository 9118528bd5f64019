import NicaCore

/// How to interpret a CSV input. Every field is optional: the defaults auto-detect the
/// delimiter, the header row and the time column, and keep every data column.
public struct CSVOptions: Equatable, Sendable {
    /// The channels to keep, in the order given (`--channels`). Each entry is a column name
    /// from the header row, or a 0-based index among the data columns (the columns other
    /// than the time column). `nil` keeps every data column. The same selection applies to
    /// audio inputs, whose channels are named `ch0`, `ch1`, ….
    ///
    /// Columns that are not selected are only counted, never parsed as numbers, so a text
    /// column (a label, a comment) can be skipped by leaving it out.
    public var channels: [String]?

    /// The sample rate in Hz (`--rate`). When given it wins over a time column (whose values
    /// are still checked to be increasing) and over an audio file's header; when absent the
    /// rate comes from the time column, or defaults to 1 Hz.
    public var sampleRate: Double?

    /// The field delimiter as an ASCII byte, or `nil` to pick `,`, `;` or tab by counting
    /// them in the first line that is neither blank nor a `#` comment.
    public var delimiter: UInt8?

    /// Creates options; every argument defaults to "auto-detect" / "keep everything".
    public init(channels: [String]? = nil, sampleRate: Double? = nil, delimiter: UInt8? = nil) {
        self.channels = channels
        self.sampleRate = sampleRate
        self.delimiter = delimiter
    }

    /// Rejects values that could never parse anything, before the file is opened, so a typo
    /// in an option is reported as a usage error rather than as bad data.
    func validate() throws {
        if let rate = sampleRate, !(rate.isFinite && rate > 0) {
            throw NicaError.invalidArgument(
                argument: "--rate", message: "must be a positive number of samples per second, got \(rate)")
        }
        if let d = delimiter {
            let forbidden: Set<UInt8> = [0, UInt8(ascii: "\""), UInt8(ascii: "\n"), UInt8(ascii: "\r"),
                                         UInt8(ascii: "#"), UInt8(ascii: " ")]
            if d >= 0x80 || forbidden.contains(d) || (d >= UInt8(ascii: "0") && d <= UInt8(ascii: "9"))
                || d == UInt8(ascii: ".") || d == UInt8(ascii: "-") || d == UInt8(ascii: "+") {
                throw NicaError.invalidArgument(
                    argument: "--delimiter",
                    message: "cannot be byte \(d): use an ASCII character that cannot occur in a number, such as , ; or tab")
            }
        }
    }
}
