import NicaCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a CSV file into records and fields, reading it in fixed-size chunks from a file
/// descriptor and never building a `String` per line.
///
/// The buffer always holds whole records: when a record runs past the bytes read so far, the
/// unparsed tail is moved to the front and the next chunk is appended behind it (the buffer
/// doubles if one record is longer than it). Fields are therefore byte ranges into one
/// contiguous buffer, valid until the next call to `nextRecord()`.
///
/// Lines are found with `memchr`, so an unquoted line costs a handful of C calls rather than a
/// Swift loop over its bytes; only lines that contain a `"` take the byte-by-byte path.
/// Blank lines and lines whose first non-blank byte is `#` are skipped; a UTF-8 byte-order
/// mark is dropped; CRLF and LF both end a record. Quoting follows RFC 4180: a field that
/// starts with `"` (after optional spaces) runs to the matching `"`, with `""` standing for
/// one quote, and may span lines.
final class CSVRecordScanner {
    private static let quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " ")
    private static let tab = UInt8(ascii: "\t")
    private static let hash = UInt8(ascii: "#")

    /// The file's path, for error messages.
    let path: String
    private let fd: Int32
    private let chunkSize: Int

    /// Bytes `start..<end` are read but not yet consumed; one spare byte follows `capacity`.
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var started = false
    /// The physical (1-based) line number of the byte at `start`.
    private var nextLine = 1
    /// Bytes of the file after any byte-order mark; 0 means the file is empty.
    private(set) var contentBytes = 0

    /// The delimiter: given by the caller or detected on the first content line.
    private(set) var delimiter: UInt8?

    /// The 1-based line on which the current record starts.
    private(set) var line = 0
    /// Field `i` of the current record is `buffer[fieldStart[i] ..< fieldEnd[i]]`; quoted
    /// fields are already unescaped in place and exclude their quotes.
    private(set) var fieldStart: [Int] = []
    private(set) var fieldEnd: [Int] = []
    private(set) var fieldQuoted: [Bool] = []
    var fieldCount: Int { fieldStart.count }

    /// Takes ownership of `fd` (closed on deinit).
    init(path: String, fd: Int32, chunkSize: Int, delimiter: UInt8?) {
        precondition(chunkSize > 0, "CSVRecordScanner: chunk size must be positive")
        self.path = path
        self.fd = fd
        self.chunkSize = chunkSize
        self.capacity = max(chunkSize, 4)
        self.buffer = .allocate(capacity: capacity + 1)
        self.delimiter = delimiter
    }

    deinit {
        buffer.deallocate()
        close(fd)
    }

    // MARK: Records

    /// Advances to the next record that is neither blank nor a comment; `false` at the end
    /// of the file.
    func nextRecord() throws -> Bool {
        if !started { try begin() }
        while true {
            guard let bounds = try locateRecord() else { return false }
            let recordStart = start
            line = nextLine
            nextLine += bounds.newlines
            start = bounds.next

            var i = recordStart
            while i < bounds.contentEnd {
                let b = buffer[i]
                if b != Self.space && b != Self.tab && b != Self.carriageReturn { break }
                i += 1
            }
            if i == bounds.contentEnd { continue }  // blank line
            if buffer[i] == Self.hash {
                // Comments are skipped, but a comment in Latin-1 or binary still means the
                // file is not the UTF-8 text it claims to be.
                guard isValidUTF8(recordStart, bounds.contentEnd) else { throw notText(column: 0) }
                continue
            }
            if delimiter == nil { delimiter = detectDelimiter(recordStart, bounds.contentEnd) }
            if bounds.hasQuote {
                try splitQuoted(recordStart, bounds.contentEnd)
            } else {
                splitPlain(recordStart, bounds.contentEnd)
            }
            return true
        }
    }

    private struct RecordBounds {
        /// End of the record's content (before its CR LF / LF).
        var contentEnd: Int
        /// Where the following record starts.
        var next: Int
        /// Line breaks consumed, including those inside quoted fields.
        var newlines: Int
        var hasQuote: Bool
    }

    /// Reads the first chunk and drops a UTF-8 byte-order mark (Excel writes one).
    private func begin() throws {
        started = true
        while end < 3 && !atEOF { try refill() }
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF {
            start = 3
            contentBytes -= 3
        }
    }

    /// The bounds of the record at `start`, reading more of the file as needed; `nil` when
    /// nothing is left.
    private func locateRecord() throws -> RecordBounds? {
        while true {
            if start == end {
                if atEOF { return nil }
                try refill()
                continue
            }
            if let bounds = try scanBounds() { return bounds }
            try refill()
        }
    }

    /// The bounds of the record at `start` within the bytes read so far, or `nil` if the
    /// record may continue past them.
    private func scanBounds() throws -> RecordBounds? {
        let base = buffer + start
        let available = end - start
        let lineEnd: Int
        let hasNewline: Bool
        if let p = memchr(base, Int32(Self.newline), available) {
            lineEnd = start + UnsafeMutableRawPointer(base).distance(to: p)
            hasNewline = true
        } else if atEOF {
            lineEnd = end
            hasNewline = false
        } else {
            return nil
        }
        if memchr(base, Int32(Self.quote), lineEnd - start) == nil {
            return RecordBounds(contentEnd: withoutCarriageReturn(lineEnd), next: hasNewline ? lineEnd + 1 : end,
                                newlines: hasNewline ? 1 : 0, hasQuote: false)
        }
        // A quote on the line: newlines inside quotes do not end the record.
        var inQuotes = false
        var newlines = 0
        var field = 0
        var openedInField = 0
        var i = start
        while i < end {
            let b = buffer[i]
            if b == Self.quote {
                inQuotes.toggle()
                if inQuotes { openedInField = field }
            } else if b == Self.newline {
                if !inQuotes {
                    return RecordBounds(contentEnd: withoutCarriageReturn(i), next: i + 1,
                                        newlines: newlines + 1, hasQuote: true)
                }
                newlines += 1
            } else if !inQuotes, let d = delimiter, b == d {
                field += 1
            }
            i += 1
        }
        if !atEOF { return nil }
        if inQuotes {
            throw NicaError.badData(
                path: path, line: nextLine, column: delimiter == nil ? 0 : openedInField + 1,
                message: "unterminated quoted field: a \" opens a field that never closes")
        }
        return RecordBounds(contentEnd: withoutCarriageReturn(end), next: end, newlines: newlines, hasQuote: true)
    }

    @inline(__always)
    private func withoutCarriageReturn(_ lineEnd: Int) -> Int {
        lineEnd > start && buffer[lineEnd - 1] == Self.carriageReturn ? lineEnd - 1 : lineEnd
    }

    /// Moves the unconsumed bytes to the front and appends up to `chunkSize` more, growing
    /// the buffer when a single record fills it.
    private func refill() throws {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { memmove(buffer, buffer + start, remaining) }
            end = remaining
            start = 0
        }
        if end == capacity {
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2 + 1)
            grown.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = grown
            capacity *= 2
        }
        let wanted = min(chunkSize, capacity - end)
        var count: Int
        repeat { count = read(fd, buffer + end, wanted) } while count < 0 && errno == EINTR
        if count < 0 {
            throw NicaError.io(path: path, message: "read failed: \(SystemError.message(errno))")
        }
        if count == 0 {
            atEOF = true
            return
        }
        // Text never contains NUL; finding one means a binary file (audio, UTF-16, …).
        if let p = memchr(buffer + end, 0, count) {
            let offset = UnsafeMutableRawPointer(buffer).distance(to: p)
            throw NicaError.badData(
                path: path, line: nextLine + countNewlines(start, offset), column: 0,
                message: "not a text CSV file (it contains NUL bytes)")
        }
        end += count
        contentBytes += count
    }

    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to, let p = memchr(buffer + i, Int32(Self.newline), to - i) {
            n += 1
            i = UnsafeMutableRawPointer(buffer).distance(to: p) + 1
        }
        return n
    }

    // MARK: Fields

    /// Picks whichever of `,` `;` tab occurs most often outside quotes (ties in that order;
    /// a line with none of them is a single column).
    private func detectDelimiter(_ from: Int, _ to: Int) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), Self.tab]
        var counts = [0, 0, 0]
        var inQuotes = false
        for i in from..<to {
            let b = buffer[i]
            if b == Self.quote { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if b == candidates[0] { counts[0] += 1 } else if b == candidates[1] { counts[1] += 1 } else if b == candidates[2] { counts[2] += 1 }
        }
        var best = 0
        for k in 1..<3 where counts[k] > counts[best] { best = k }
        return candidates[best]
    }

    private func resetFields() {
        fieldStart.removeAll(keepingCapacity: true)
        fieldEnd.removeAll(keepingCapacity: true)
        fieldQuoted.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private func appendField(_ s: Int, _ e: Int, quoted: Bool) {
        fieldStart.append(s)
        fieldEnd.append(e)
        fieldQuoted.append(quoted)
    }

    /// The fast path: a record without quotes is cut at each delimiter found by `memchr`.
    private func splitPlain(_ from: Int, _ to: Int) {
        resetFields()
        let d = Int32(delimiter!)
        var i = from
        while i < to, let p = memchr(buffer + i, d, to - i) {
            let j = UnsafeMutableRawPointer(buffer).distance(to: p)
            appendField(i, j, quoted: false)
            i = j + 1
        }
        appendField(i, to, quoted: false)
    }

    /// The general path, byte by byte, unescaping quoted fields in place (the unescaped text
    /// is never longer than the original, so it fits where the field was).
    private func splitQuoted(_ from: Int, _ to: Int) throws {
        resetFields()
        let d = delimiter!
        var i = from
        while true {
            var j = i
            while j < to, buffer[j] != d, buffer[j] == Self.space || buffer[j] == Self.tab { j += 1 }
            if j < to && buffer[j] == Self.quote {
                var read = j + 1
                var write = j + 1
                while true {
                    // scanBounds() saw every quote paired, so the closing one is before `to`;
                    // the check only guards that reasoning.
                    guard read < to else {
                        throw NicaError.badData(path: path, line: line, column: fieldCount + 1,
                                                message: "unterminated quoted field: a \" opens a field that never closes")
                    }
                    let b = buffer[read]
                    if b == Self.quote {
                        if read + 1 < to && buffer[read + 1] == Self.quote {
                            buffer[write] = Self.quote
                            write += 1
                            read += 2
                            continue
                        }
                        read += 1
                        break
                    }
                    buffer[write] = b
                    write += 1
                    read += 1
                }
                appendField(j + 1, write, quoted: true)
                while read < to, buffer[read] != d, buffer[read] == Self.space || buffer[read] == Self.tab { read += 1 }
                if read == to { return }
                if buffer[read] != d {
                    throw NicaError.badData(
                        path: path, line: line, column: fieldCount,
                        message: "expected a delimiter after the closing quote, found \(Self.describe(buffer[read]))")
                }
                i = read + 1
            } else {
                var k = i
                while k < to && buffer[k] != d {
                    if buffer[k] == Self.quote {
                        throw NicaError.badData(
                            path: path, line: line, column: fieldCount + 1,
                            message: "unexpected \" inside an unquoted field (quote the whole field and double inner quotes)")
                    }
                    k += 1
                }
                appendField(i, k, quoted: false)
                if k == to { return }
                i = k + 1
            }
        }
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "\"\(Character(Unicode.Scalar(byte)))\"" : "byte 0x\(String(byte, radix: 16))"
    }

    // MARK: Field values

    /// Field `i` without surrounding spaces and tabs.
    @inline(__always)
    private func trimmed(_ i: Int) -> (Int, Int) {
        var s = fieldStart[i]
        var e = fieldEnd[i]
        while s < e && (buffer[s] == Self.space || buffer[s] == Self.tab) { s += 1 }
        while e > s && (buffer[e - 1] == Self.space || buffer[e - 1] == Self.tab) { e -= 1 }
        return (s, e)
    }

    /// Field `i` parsed as a Float32, or `nil` if it is not a number. `DecimalParser` gives
    /// the standard library's result (its fast path is checked against it), which is correctly rounded and locale-independent, so any `Float.description` reads
    /// back bit-identical. "nan"/"inf" and overflow parse (to non-finite values) so that the
    /// caller can tell "non-finite" from "not a number".
    @inline(__always)
    func floatValue(_ i: Int) -> Float? {
        let (s, e) = trimmed(i)
        if s == e { return nil }
        return DecimalParser.float(buffer + s, count: e - s)
    }

    /// Field `i` parsed as a Double (time values need more than 24 bits), or `nil`.
    func doubleValue(_ i: Int) -> Double? {
        let (s, e) = trimmed(i)
        if s == e { return nil }
        return DecimalParser.double(buffer + s, count: e - s)
    }

    /// Whether field `i` is empty once its surrounding spaces are removed.
    func isBlank(_ i: Int) -> Bool {
        let (s, e) = trimmed(i)
        return s == e
    }

    /// Field `i` as text: unquoted fields are trimmed, quoted ones kept verbatim. Invalid
    /// UTF-8 means the file is not text.
    func text(_ i: Int) throws -> String {
        let (s, e) = fieldQuoted[i] ? (fieldStart[i], fieldEnd[i]) : trimmed(i)
        guard let value = String(validating: UnsafeBufferPointer(start: buffer + s, count: e - s), as: UTF8.self) else {
            throw notText(column: i + 1)
        }
        return value
    }

    /// Whether field `i` is valid UTF-8.
    func isValidText(_ i: Int) -> Bool {
        isValidUTF8(fieldStart[i], fieldEnd[i])
    }

    /// At most `limit` characters of field `i`, for error messages.
    func excerpt(_ i: Int, limit: Int = 24) -> String {
        let (s, e) = trimmed(i)
        let full = String(decoding: UnsafeBufferPointer(start: buffer + s, count: e - s), as: UTF8.self)
        return full.count > limit ? String(full.prefix(limit)) + "…" : full
    }

    private func isValidUTF8(_ s: Int, _ e: Int) -> Bool {
        String(validating: UnsafeBufferPointer(start: buffer + s, count: e - s), as: UTF8.self) != nil
    }

    /// The error for bytes that are not UTF-8 text on the current line.
    func notText(column: Int) -> NicaError {
        .badData(path: path, line: line, column: column, message: "not a text CSV file (invalid UTF-8)")
    }
}
