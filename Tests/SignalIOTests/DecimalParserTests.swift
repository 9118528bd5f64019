import NicaCore
@testable import SignalIO
import XCTest

/// `DecimalParser` against its naive twin, the standard library's `Float(String)` /
/// `Double(String)`: bit-identical results (or both nil) on every input.
final class DecimalParserTests: XCTestCase {
    private func parseFloat(_ text: String) -> Float? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { DecimalParser.float($0.baseAddress!, count: $0.count - 1) }
    }

    private func parseDouble(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { DecimalParser.double($0.baseAddress!, count: $0.count - 1) }
    }

    private func fast(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { DecimalParser.fastDouble($0.baseAddress!, count: $0.count) }
    }

    private func assertSameAsStandardLibrary(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(parseFloat(text)?.bitPattern, Float(text)?.bitPattern, "Float \"\(text)\"", file: file, line: line)
        XCTAssertEqual(parseDouble(text)?.bitPattern, Double(text)?.bitPattern, "Double \"\(text)\"", file: file, line: line)
    }

    /// Random decimal strings of 1…20 significant digits with exponents −40…40, plus the
    /// shortest descriptions of random Float and Double bit patterns.
    func testRandomDecimalsMatchTheStandardLibrary() {
        var rng = SeededRNG(seed: 7)
        for _ in 0..<40_000 {
            let digits = 1 + Int(rng.next() % 20)
            var text = rng.next() % 2 == 0 ? "" : "-"
            let point = Int(rng.next() % UInt64(digits + 1))
            for i in 0..<digits {
                if i == point && i > 0 { text += "." }
                text += String(rng.next() % 10)
            }
            if rng.next() % 2 == 0 { text += "e" + String(Int(rng.next() % 81) - 40) }
            assertSameAsStandardLibrary(text)
        }
        for _ in 0..<20_000 {
            let f = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if f.isFinite { assertSameAsStandardLibrary(f.description) }
            let d = Double(bitPattern: rng.next())
            if d.isFinite { assertSameAsStandardLibrary(d.description) }
        }
    }

    /// Values at and just beside Float rounding midpoints, where rounding through Double
    /// could go wrong, and forms the fast path leaves to the standard library.
    func testMidpointsAndUnusualFormsMatchTheStandardLibrary() {
        let cases = ["16777217", "16777217.00000001", "16777216.99999999", "16777219", "0.5", "-0", "0", "000",
                     "0.000", "1.17549435e-38", "1e-45", "1.4e-45", "3.4028235e38", "3.4028236e38", "1e39",
                     "1e22", "1e23", "9007199254740993", "1.", ".5", "1e", "1e+", "--1", "+1", "+-1", "nan",
                     "inf", "-inf", "0x1p3", " 1", "1 ", "1,5", "1e5000", "1e-5000", "", "-", ".", "e5",
                     "12345678901234567890", "0.1234567890123456789", "00000000000000000000001"]
        for text in cases { assertSameAsStandardLibrary(text) }
    }

    /// The plain forms a CSV of sensor values holds take the fast path (so the speed-up is
    /// real), and the forms outside it do not.
    func testFastPathCoversPlainNumbersOnly() {
        XCTAssertEqual(fast("0.12345678"), 0.12345678)
        XCTAssertEqual(fast("-1.5e-3"), -1.5e-3)
        XCTAssertEqual(fast("42"), 42)
        XCTAssertEqual(fast("1E+22"), 1e22)
        XCTAssertNil(fast("1e23"))
        XCTAssertNil(fast("12345678901234567890"))
        XCTAssertNil(fast("nan"))
        XCTAssertNil(fast(".5"))
        XCTAssertNil(fast("1."))
    }
}
