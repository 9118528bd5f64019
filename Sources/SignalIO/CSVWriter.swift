import NicaCore

/// Writes numeric tables as comma-separated text with one header row, atomically.
///
/// Numbers use Swift's `description`, the shortest text that parses back to the same bits,
/// so `CSVReader` reads back exactly what was written. Header names are quoted when they
/// would otherwise be misread: when they contain a delimiter candidate (`,` `;` tab), a quote
/// or a line break, start with `#` (a comment) or space, are empty, or look like a number
/// (a header of numbers would be taken for a data row).
///
/// Non-finite values are written as `nan`/`inf`, which `CSVReader` rejects: callers that may
/// have them should check first. A channel named `time` or `t` written without a time column
/// would be read back as the time column.
public enum CSVWriter {
    /// Writes `columns` (all of equal length) under a header row of their names, one row per
    /// value; integer columns print without a decimal point.
    ///
    /// For example the latents export: `[CSVColumn(name: "index", integers: …),
    /// CSVColumn(name: "time", doubles: …)] + CSVColumn.columns(of: latents, names: …)`.
    /// - Throws: `NicaError.io` if the file cannot be written (the target is then untouched).
    public static func write(columns: [CSVColumn], to path: String) throws {
        precondition(!columns.isEmpty, "CSVWriter: no columns")
        let rows = columns[0].count
        precondition(columns.allSatisfy { $0.count == rows }, "CSVWriter: columns of different lengths")
        try AtomicFile.stream(to: path) { out in
            try writeHeader(columns.map(\.name), to: out)
            for r in 0..<rows {
                for (c, column) in columns.enumerated() {
                    if c > 0 { try out.append(byte: comma) }
                    switch column.values {
                    case .integers(let v): try out.append(v[r].description)
                    case .doubles(let v): try out.append(v[r].description)
                    case .floats(let v): try out.append(v[r].description)
                    }
                }
                try out.append(byte: newline)
            }
        }
    }

    /// Writes a table of `rows` rows under a header row of `header`, asking `row` for the
    /// fields of each row in turn, so a table of millions of rows is written without its
    /// columns in memory. Fields print exactly as `write(columns:to:)` prints them.
    /// - Throws: `NicaError.io` if the file cannot be written (the target is then untouched),
    ///   or what `row` throws.
    public static func write(header: [String], rows: Int, to path: String,
                             row: (_ index: Int, _ fields: inout Row) throws -> Void) throws {
        try AtomicFile.stream(to: path) { out in
            try writeHeader(header, to: out)
            var fields = Row(out: out)
            for r in 0..<rows {
                fields.first = true
                try row(r, &fields)
                try out.append(byte: newline)
            }
        }
    }

    /// The fields of one row of `write(header:rows:to:row:)`, appended left to right.
    public struct Row {
        fileprivate let out: BufferedFileWriter
        fileprivate var first = true

        fileprivate init(out: BufferedFileWriter) { self.out = out }

        /// An integer, without a decimal point.
        public mutating func append(_ value: Int) throws { try field(value.description) }
        /// A Double in shortest round-trip form.
        public mutating func append(_ value: Double) throws { try field(value.description) }
        /// A Float in shortest round-trip form.
        public mutating func append(_ value: Float) throws { try field(value.description) }

        private mutating func field(_ text: String) throws {
            if !first { try out.append(byte: comma) }
            first = false
            try out.append(text)
        }
    }

    /// Writes `signal` as `time,<channel names…>` (or just the channels), one row per frame,
    /// so that `CSVReader.read` returns the same samples and names and, with the time column,
    /// the same rate to within rounding (time `t` is frame `t` / rate, as a Double).
    ///
    /// - Throws: `NicaError.invalidArgument` if a time column is asked for but the rate is not
    ///   positive and finite; `NicaError.io` if the file cannot be written.
    public static func write(signal: Signal, to path: String, includeTime: Bool = true) throws {
        if includeTime && !(signal.sampleRate.isFinite && signal.sampleRate > 0) {
            throw NicaError.invalidArgument(
                argument: "sampleRate", message: "a time column needs a positive sample rate, got \(signal.sampleRate)")
        }
        let frames = signal.frameCount
        let channels = signal.channelCount
        try AtomicFile.stream(to: path) { out in
            try writeHeader((includeTime ? ["time"] : []) + signal.channelNames, to: out)
            try signal.samples.withUnsafeBufferPointer { samples in
                for t in 0..<frames {
                    if includeTime {
                        try out.append((Double(t) / signal.sampleRate).description)
                    }
                    for c in 0..<channels {
                        if c > 0 || includeTime { try out.append(byte: comma) }
                        try out.append(samples[c * frames + t].description)
                    }
                    try out.append(byte: newline)
                }
            }
        }
    }

    private static let comma = UInt8(ascii: ",")
    private static let newline = UInt8(ascii: "\n")

    private static func writeHeader(_ names: [String], to out: BufferedFileWriter) throws {
        for (i, name) in names.enumerated() {
            if i > 0 { try out.append(byte: comma) }
            try out.append(headerField(name))
        }
        try out.append(byte: newline)
    }

    /// `name` as a header field: verbatim when it reads back unchanged as a name, otherwise
    /// quoted with inner quotes doubled.
    static func headerField(_ name: String) -> String {
        let special: Set<Character> = [",", ";", "\t", "\"", "\r", "\n", "\r\n"]
        let needsQuotes = name.isEmpty
            || name.contains(where: { special.contains($0) })
            || name.first == "#" || name.first == " " || name.last == " "
            || Float(name.trimmingSpaces()) != nil
        guard needsQuotes else { return name }
        var quoted = "\""
        for ch in name {
            if ch == "\"" { quoted += "\"\"" } else { quoted.append(ch) }
        }
        return quoted + "\""
    }
}
