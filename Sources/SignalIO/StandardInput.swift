import NicaCore
#if canImport(Glibc)
import Glibc
#endif

/// How to read a recording that arrives on standard input, where there is no file name
/// to go by.
public enum InputFormat: String, CaseIterable, Sendable {
    /// Delimited text, as `CSVReader` reads it.
    case csv
    /// Audio through libsndfile: WAV, and any other container it recognises by content (FLAC, AIFF, …).
    case wav
}

/// Reads a recording from standard input (the `-` input path).
///
/// libsndfile and the CSV reader both work on files, so the bytes are copied, as they
/// arrive, to a private temporary file (in `$TMPDIR`, else `/tmp`), read from there and
/// removed. Errors name the input `-` rather than the temporary file.
public enum StandardInput {
    /// The input path that means standard input.
    public static let path = "-"

    /// Reads standard input as `format`, or, when nil, as audio if it starts with a RIFF,
    /// RF64, FORM, fLaC or OggS signature and as CSV otherwise.
    public static func read(format: InputFormat?, csv: CSVOptions = CSVOptions()) throws -> (Signal, SignalSourceInfo) {
        try withTemporaryCopy(format: format) { temporary, _ in
            var (signal, info) = try SignalReader.read(path: temporary, csv: csv)
            info.path = path
            return (signal, info)
        }
    }

    /// Opens standard input for analysis, as `read` reads it; CSV is kept as laid out (see
    /// `RecordingSource`), audio is read whole (the temporary file does not outlive this call).
    public static func open(format: InputFormat?, csv: CSVOptions = CSVOptions()) throws -> RecordingSource {
        try withTemporaryCopy(format: format) { temporary, chosen in
            guard chosen == .csv else {
                var (signal, info) = try SignalReader.read(path: temporary, csv: csv)
                info.path = path
                return RecordingSource(signal: signal, info: info)
            }
            let table = try CSVReader.readTable(path: temporary, options: csv)
            var info = SignalReader.info(path: temporary, table: table)
            info.path = path
            return RecordingSource(table: table.frames, layout: table.layout, info: info)
        }
    }

    /// Copies standard input to a temporary file named for its format and runs `body` on it;
    /// the file is removed afterwards and errors name `-` instead of it.
    private static func withTemporaryCopy<R>(format: InputFormat?,
                                             _ body: (_ temporary: String, _ format: InputFormat) throws -> R) throws -> R {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        // Enough bytes to recognise a signature (a pipe may deliver fewer per read).
        var head = 0
        while head < 4 {
            let n = try readChunk(into: &chunk, from: head)
            if n == 0 { break }
            head += n
        }
        guard head > 0 else {
            throw NicaError.badData(path: path, line: 0, column: 0, message: "standard input is empty")
        }
        let chosen = format ?? detect(Array(chunk[0..<head]))
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/nica-stdin-XXXXXX.\(chosen == .csv ? "csv" : "audio")".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, chosen == .csv ? 4 : 6) }
        guard descriptor >= 0 else {
            throw NicaError.io(path: path, message: "cannot create a temporary file for standard input")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(temporary) }
        var written = writeAll(chunk, count: head, to: descriptor)
        while written {
            let n: Int
            do { n = try readChunk(into: &chunk, from: 0) } catch { close(descriptor); throw error }
            if n == 0 { break }
            written = writeAll(chunk, count: n, to: descriptor)
        }
        close(descriptor)
        guard written else { throw NicaError.io(path: path, message: "cannot write standard input to a temporary file") }
        do {
            return try body(temporary, chosen)
        } catch let error as NicaError {
            throw renamed(error, from: temporary)
        }
    }

    /// One `read(2)` of standard input into `chunk` from `offset`; 0 at the end.
    private static func readChunk(into chunk: inout [UInt8], from offset: Int) throws -> Int {
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress! + offset, $0.count - offset) }
            if n >= 0 { return n }
            if errno != EINTR { throw NicaError.io(path: path, message: "cannot read standard input") }
        }
    }

    private static func writeAll(_ bytes: [UInt8], count: Int, to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < count {
                let n = write(descriptor, raw.baseAddress! + offset, count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// The format a byte stream's signature suggests.
    static func detect(_ bytes: [UInt8]) -> InputFormat {
        let head = String(decoding: bytes.prefix(4), as: UTF8.self)
        return ["RIFF", "RF64", "FORM", "fLaC", "OggS"].contains(head) ? .wav : .csv
    }

    /// `error` with the temporary file's name replaced by `-`.
    private static func renamed(_ error: NicaError, from temporary: String) -> NicaError {
        func fix(_ text: String) -> String { text == temporary ? path : text }
        switch error {
        case let .missingInput(p, message): return .missingInput(path: fix(p), message: message)
        case let .badData(p, line, column, message): return .badData(path: fix(p), line: line, column: column, message: message)
        case let .io(p, message): return .io(path: fix(p), message: message)
        default: return error
        }
    }
}
