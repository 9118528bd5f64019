import NicaCore

/// Reads a numeric CSV (or TSV, or `;`-separated) table into a `Signal`.
///
/// The format it accepts, and why:
/// - **Header row, optional.** The first content row is a header when any of its fields is
///   not a number or is quoted (a quoted field is how a writer marks a name that looks like a
///   number). Without a header the channels are named `ch0`, `ch1`, ….
/// - **Time column, optional.** A header column named `time` or `t` (any case, any position;
///   the first one if several) holds time stamps in seconds. It is not a channel; it must be
///   strictly increasing (rows out of order would silently scramble the analysis), and unless
///   `--rate` is given the sample rate is 1 / median of its differences.
/// - **Rate.** `--rate` wins over a time column; with neither the rate is 1 Hz and the result
///   says so (`rateSource == .default`).
/// - **Text details.** UTF-8 with or without a byte-order mark, LF or CRLF, blank lines and
///   `#` comment lines anywhere (skipped), spaces around numbers, RFC 4180 quoting.
/// - **Errors** are `NicaError.badData` with the 1-based line and field number, so the user
///   can jump to the offending cell: a ragged row, a field that is not a number, NaN/±Inf or a
///   value beyond Float32's range, a time column that does not increase, NUL bytes or invalid
///   UTF-8 (a binary file), or no data rows at all.
public enum CSVReader {
    /// Bytes read per `read(2)` call: large enough that system calls are negligible, small
    /// enough not to matter for memory.
    public static let defaultChunkSize = 1 << 20

    /// The signal in the CSV file at `path`. See `readWithInfo` for how the file was read.
    public static func read(path: String, options: CSVOptions = CSVOptions()) throws -> Signal {
        try readWithInfo(path: path, options: options).signal
    }

    /// Reads the CSV file at `path` and reports how it was interpreted.
    ///
    /// - Parameter chunkSize: bytes per read; only tests need to change it (a tiny value puts
    ///   chunk boundaries inside every field and quote).
    /// - Throws: `NicaError.missingInput` (no such file, or a directory), `.io` (unreadable),
    ///   `.invalidArgument` (bad `--rate`, `--delimiter` or `--channels`), `.badData`.
    public static func readWithInfo(path: String, options: CSVOptions = CSVOptions(),
                                    chunkSize: Int = defaultChunkSize) throws -> Result {
        let table = try readTable(path: path, options: options, chunkSize: chunkSize)
        let signal = Signal(interleaved: table.frames.data, channelCount: table.layout.channelCount,
                            sampleRate: table.layout.sampleRate, channelNames: table.layout.channelNames)
        return Result(signal: signal, hadHeader: table.hadHeader, timeColumn: table.timeColumn,
                      rateSource: table.rateSource, delimiter: table.delimiter, availableChannels: table.availableChannels)
    }

    /// Reads the CSV file at `path` as it is laid out, one row per frame: the selected
    /// channels of each row side by side (`frames[t, c]`), which is the per-sample feature
    /// matrix, without the channel-major copy a `Signal` would need. Same rules and errors as
    /// `readWithInfo`.
    public static func readTable(path: String, options: CSVOptions = CSVOptions(),
                                 chunkSize: Int = defaultChunkSize) throws -> Table {
        precondition(chunkSize > 0, "CSVReader: chunk size must be positive")
        try options.validate()
        let fd = try InputFile.openForReading(path)
        let fileBytes = InputFile.regularFileSize(fd)
        let scanner = CSVRecordScanner(path: path, fd: fd, chunkSize: chunkSize, delimiter: options.delimiter)
        guard try scanner.nextRecord() else {
            throw NicaError.badData(
                path: path, line: 0, column: 0,
                message: scanner.contentBytes == 0 ? "empty file: expected a header row and data rows"
                                                   : "no data rows (only blank or comment lines)")
        }

        // The first row decides the layout: header or data, which column is time.
        let fieldCount = scanner.fieldCount
        let firstLine = scanner.line
        var hadHeader = false
        for i in 0..<fieldCount where scanner.fieldQuoted[i] || scanner.floatValue(i) == nil {
            hadHeader = true
            break
        }
        var timeIndex: Int?
        var timeName: String?
        var dataColumns: [Int] = []
        var dataNames: [String] = []
        if hadHeader {
            let names = try (0..<fieldCount).map { try scanner.text($0) }
            for (i, name) in names.enumerated() {
                let lower = name.trimmingSpaces().lowercased()
                if timeIndex == nil && (lower == "time" || lower == "t") {
                    timeIndex = i
                    timeName = name
                } else {
                    dataColumns.append(i)
                    dataNames.append(name)
                }
            }
        } else {
            dataColumns = Array(0..<fieldCount)
            dataNames = dataColumns.map { "ch\($0)" }
        }
        guard !dataColumns.isEmpty else {
            throw NicaError.badData(path: path, line: firstLine, column: 0,
                                    message: "no channel columns: the only column is the time column")
        }
        let selection = try ChannelSelection.resolve(options.channels, names: dataNames)
        let selectedFields = selection.map { dataColumns[$0] }

        // Rows are collected interleaved (one append per value) and transposed once at the end.
        var values: [Float] = []
        var times: [Double] = []
        // Reserving for the rows the file can hold (judged from the first row, generously: an
        // untouched reservation costs address space, not memory) spares the copies and page
        // faults of growing the arrays by doubling.
        if let firstRowBytes = scanner.fieldEnd.last.map({ $0 - scanner.fieldStart[0] + 1 }), fileBytes > 0 {
            let rows = 2 * fileBytes / max(firstRowBytes, 1) + 16
            values.reserveCapacity(rows * selection.count)
            if timeIndex != nil { times.reserveCapacity(rows) }
        }
        var frames = 0
        func consumeRow() throws {
            let found = scanner.fieldCount
            if found != fieldCount {
                throw NicaError.badData(path: path, line: scanner.line, column: min(found, fieldCount) + 1,
                                        message: "expected \(fieldCount) fields, found \(found)")
            }
            if let t = timeIndex {
                guard let time = scanner.doubleValue(t) else { throw notANumber(scanner, field: t) }
                guard time.isFinite else { throw nonFinite(scanner, field: t, range: "Float64") }
                if let previous = times.last, !(time > previous) {
                    throw NicaError.badData(
                        path: path, line: scanner.line, column: t + 1,
                        message: "time column \"\(timeName ?? "time")\" must be strictly increasing: \(time) follows \(previous)")
                }
                times.append(time)
            }
            for f in selectedFields {
                guard let value = scanner.floatValue(f) else { throw notANumber(scanner, field: f) }
                guard value.isFinite else { throw nonFinite(scanner, field: f, range: "Float32") }
                values.append(value)
            }
            frames += 1
        }
        if !hadHeader { try consumeRow() }
        while try scanner.nextRecord() { try consumeRow() }
        guard frames > 0 else {
            throw NicaError.badData(path: path, line: 0, column: 0, message: "no data rows after the header")
        }

        let rate: Double
        let rateSource: SampleRateSource
        if let given = options.sampleRate {
            (rate, rateSource) = (given, .option)
        } else if times.count >= 2 {
            (rate, rateSource) = (SampleRateInference.rate(fromTimes: times), .timeColumn)
        } else {
            (rate, rateSource) = (1, .default)
        }
        let names = selection.map { dataNames[$0] }
        return Table(frames: Matrix(rows: frames, cols: selection.count, data: values),
                     layout: SignalLayout(channelCount: selection.count, frameCount: frames, sampleRate: rate,
                                          channelNames: names),
                     hadHeader: hadHeader, timeColumn: timeName, rateSource: rateSource,
                     delimiter: scanner.delimiter ?? UInt8(ascii: ","), availableChannels: dataNames)
    }

    /// The error for a field that does not parse as a number: binary bytes, an empty field,
    /// or text (quoted, shortened), with a hint when the text looks like several columns or a
    /// decimal comma, the usual signs of a delimiter the detection did not pick.
    private static func notANumber(_ scanner: CSVRecordScanner, field: Int) -> NicaError {
        if !scanner.isValidText(field) { return scanner.notText(column: field + 1) }
        let text = scanner.excerpt(field)
        var message = scanner.isBlank(field) ? "expected a number, found an empty field"
                                             : "expected a number, found \"\(text)\""
        if text.contains(",") && scanner.delimiter != UInt8(ascii: ",") {
            message += " (decimal commas are not read: use '.')"
        } else if scanner.fieldCount == 1,
                  let separator = (["\t", ";", "|", " "] as [String]).first(where: { text.contains($0) }) {
            message += separator == " " ? " (columns separated by spaces are not read: use commas, semicolons or tabs)"
                                        : " (columns separated by '\(separator == "\t" ? "tab" : separator)'? pass --delimiter)"
        }
        return .badData(path: scanner.path, line: scanner.line, column: field + 1, message: message)
    }

    /// The error for NaN, ±Inf, or a number too large for the target type.
    private static func nonFinite(_ scanner: CSVRecordScanner, field: Int, range: String) -> NicaError {
        let text = scanner.excerpt(field)
        let lower = text.lowercased()
        let spelled = lower.contains("nan") || lower.contains("inf")
        let message = spelled ? "non-finite value \"\(text)\""
                              : "non-finite value: \"\(text)\" is beyond the \(range) range"
        return .badData(path: scanner.path, line: scanner.line, column: field + 1, message: message)
    }
}
