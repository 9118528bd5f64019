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
/// libsndfile and the CSV reader both work on files, so the bytes are copied to a private
/// temporary file first (in `$TMPDIR`, else `/tmp`), read from there with `SignalReader` and removed. Errors name the
/// input `-` rather than the temporary file.
public enum StandardInput {
    /// The input path that means standard input.
    public static let path = "-"

    /// Reads standard input as `format`, or, when nil, as audio if it starts with a RIFF,
    /// RF64, FORM, fLaC or OggS signature and as CSV otherwise.
    public static func read(format: InputFormat?, csv: CSVOptions = CSVOptions()) throws -> (Signal, SignalSourceInfo) {
        let bytes = try readAll(descriptor: 0)
        guard !bytes.isEmpty else {
            throw NicaError.badData(path: path, line: 0, column: 0, message: "standard input is empty")
        }
        let chosen = format ?? detect(bytes)
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        var template = Array("\(directory)/nica-stdin-XXXXXX.\(chosen == .csv ? "csv" : "audio")".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, chosen == .csv ? 4 : 6) }
        guard descriptor >= 0 else {
            throw NicaError.io(path: path, message: "cannot create a temporary file for standard input")
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        defer { unlink(temporary) }
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
        close(descriptor)
        guard written else { throw NicaError.io(path: path, message: "cannot write standard input to a temporary file") }
        do {
            var (signal, info) = try SignalReader.read(path: temporary, csv: csv)
            info.path = path
            return (signal, info)
        } catch let error as NicaError {
            throw renamed(error, from: temporary)
        }
    }

    /// The format a byte stream's signature suggests.
    static func detect(_ bytes: [UInt8]) -> InputFormat {
        let head = String(decoding: bytes.prefix(4), as: UTF8.self)
        return ["RIFF", "RF64", "FORM", "fLaC", "OggS"].contains(head) ? .wav : .csv
    }

    private static func readAll(descriptor: Int32) throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
            if n < 0 { throw NicaError.io(path: path, message: "cannot read standard input") }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
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
