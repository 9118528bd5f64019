import Foundation
import NicaCore
import SignalIO
import TestSupport
import XCTest

/// Every way a CSV input can be wrong, each with the exact error case, line and field.
final class CSVReaderErrorTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-csv-err")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func file(_ text: String, _ name: String = "bad.csv") -> String {
        Fixtures.write(text, named: name, in: directory)
    }

    func testEmptyFile() {
        assertBadData(try CSVReader.read(path: file("")), line: 0, column: 0, message: "empty file")
        assertBadData(try CSVReader.read(path: file("\u{FEFF}", "bom.csv")), line: 0, column: 0, message: "empty file")
    }

    func testNoDataRows() {
        assertBadData(try CSVReader.read(path: file("# only a comment\n\n")), line: 0, column: 0, message: "no data rows")
        assertBadData(try CSVReader.read(path: file("a,b\n\n\n", "h.csv")), line: 0, column: 0, message: "no data rows")
    }

    func testRaggedRows() {
        assertBadData(try CSVReader.read(path: file("a,b,c,d\n1,2,3,4\n1,2,3\n")),
                      line: 3, column: 4, message: "expected 4 fields, found 3")
        assertBadData(try CSVReader.read(path: file("1,2\n3,4,5\n", "long.csv")),
                      line: 2, column: 3, message: "expected 2 fields, found 3")
        // A trailing delimiter is an extra (empty) field.
        assertBadData(try CSVReader.read(path: file("a,b\n1,2,\n", "trail.csv")),
                      line: 2, column: 3, message: "expected 2 fields, found 3")
    }

    func testNonNumericFieldIsQuotedInTheMessage() {
        assertBadData(try CSVReader.read(path: file("a,b\n1,2\n3,x7\n")), line: 3, column: 2, message: "expected a number, found \"x7\"")
        let long = String(repeating: "z", count: 100)
        let message = assertBadData(try CSVReader.read(path: file("a\n\(long)\n", "long.csv")),
                                    line: 2, column: 1, message: "expected a number")
        XCTAssertLessThan(message?.count ?? 1000, 80, "the excerpt is shortened")
        assertBadData(try CSVReader.read(path: file("a,b\n1, \n", "empty.csv")), line: 2, column: 2, message: "empty field")
        assertBadData(try CSVReader.read(path: file("a,b\n1,2 3\n", "space.csv")), line: 2, column: 2, message: "\"2 3\"")
    }

    func testNonFiniteValues() {
        assertBadData(try CSVReader.read(path: file("a,b\n1,nan\n")), line: 2, column: 2, message: "non-finite value \"nan\"")
        assertBadData(try CSVReader.read(path: file("a,b\n-inf,1\n", "inf.csv")), line: 2, column: 1, message: "non-finite value")
        assertBadData(try CSVReader.read(path: file("a,b\n1,2\n1e39,1\n", "big.csv")),
                      line: 3, column: 1, message: "beyond the Float32 range")
        // Without a header the first row is data, and its NaN is reported, not taken as a name.
        assertBadData(try CSVReader.read(path: file("1,NaN\n", "first.csv")), line: 1, column: 2, message: "non-finite")
    }

    func testNULBytesMeanBinary() {
        var bytes = Array("a,b\n1,2\n".utf8)
        bytes += [0x52, 0x00, 0x00, 0x2C, 0x0A]
        let path = Fixtures.write(bytes, named: "nul.csv", in: directory)
        assertBadData(try CSVReader.read(path: path), line: 3, column: 0, message: "not a text CSV file")
        // Wherever the chunk boundary falls.
        assertBadData(try CSVReader.readWithInfo(path: path, chunkSize: 2), line: 3, column: 0, message: "not a text CSV file")
    }

    func testInvalidUTF8MeansNotText() {
        let data = Fixtures.write(Array("a,b\n1,2\n3,".utf8) + [0xC3, 0x28] + [0x0A], named: "u.csv", in: directory)
        assertBadData(try CSVReader.read(path: data), line: 3, column: 2, message: "not a text CSV file")
        let header = Fixtures.write(Array("a,".utf8) + [0xFF, 0x62] + Array("\n1,2\n".utf8), named: "h.csv", in: directory)
        assertBadData(try CSVReader.read(path: header), line: 1, column: 2, message: "not a text CSV file")
        let comment = Fixtures.write(Array("# caf".utf8) + [0xE9] + Array("\na\n1\n".utf8), named: "c.csv", in: directory)
        assertBadData(try CSVReader.read(path: comment), line: 1, column: 0, message: "not a text CSV file")
    }

    func testTimeMustIncreaseStrictly() {
        assertBadData(try CSVReader.read(path: file("x,t\n1,0\n2,1\n3,1\n")),
                      line: 4, column: 2, message: "time column \"t\" must be strictly increasing")
        assertBadData(try CSVReader.read(path: file("time,x\n0.5,1\n# note\n0.25,2\n", "back.csv")),
                      line: 4, column: 1, message: "strictly increasing")
        // Still checked when --rate overrides it: decreasing stamps mean rows out of order.
        assertBadData(try CSVReader.read(path: file("time,x\n1,1\n0,2\n", "rate.csv"), options: CSVOptions(sampleRate: 10)),
                      line: 3, column: 1, message: "strictly increasing")
        assertBadData(try CSVReader.read(path: file("time,x\nabc,1\n", "text.csv")), line: 2, column: 1, message: "\"abc\"")
    }

    func testQuotingErrors() {
        assertBadData(try CSVReader.read(path: file("a,b\n1,\"2\n3,4\n")),
                      line: 2, column: 2, message: "unterminated quoted field")
        assertBadData(try CSVReader.read(path: file("a,b\n\"1\"x,2\n", "after.csv")),
                      line: 2, column: 1, message: "expected a delimiter after the closing quote")
        assertBadData(try CSVReader.read(path: file("a,b\n1,2\"3\"\n", "inner.csv")),
                      line: 2, column: 2, message: "unexpected \"")
    }

    func testOnlyATimeColumn() {
        assertBadData(try CSVReader.read(path: file("time\n0\n1\n")), line: 1, column: 0, message: "no channel columns")
    }

    func testMissingFileAndDirectoryAreMissingInput() {
        assertNicaError(try CSVReader.read(path: directory + "/nope.csv")) {
            if case .missingInput(let path, _) = $0 { return path == self.directory + "/nope.csv" }
            return false
        }
        assertNicaError(try CSVReader.read(path: directory)) {
            if case .missingInput(_, let message) = $0 { return message.contains("directory") }
            return false
        }
    }

    func testBadOptionsAreUsageErrors() {
        let path = file("a\n1\n")
        for rate in [0, -5, Double.nan, .infinity] {
            assertNicaError(try CSVReader.read(path: path, options: CSVOptions(sampleRate: rate))) {
                if case .invalidArgument("--rate", _) = $0 { return true }
                return false
            }
        }
        assertNicaError(try CSVReader.read(path: path, options: CSVOptions(delimiter: UInt8(ascii: "\"")))) {
            if case .invalidArgument("--delimiter", _) = $0 { return true }
            return false
        }
        assertNicaError(try CSVReader.read(path: path, options: CSVOptions(channels: []))) {
            if case .invalidArgument("--channels", _) = $0 { return true }
            return false
        }
    }
}
