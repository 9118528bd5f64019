import Foundation
import NicaCore
import SignalIO
import TestSupport
import XCTest

final class CSVReaderTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-csv")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Floats that stress shortest-form printing and correctly rounded parsing.
    private func awkwardFloats(count: Int, seed: UInt64) -> [Float] {
        var rng = SeededRNG(seed: seed)
        let specials: [Float] = [0, -0.0, 1, -1, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                 .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                 0.1, 1.0 / 3.0, 16_777_215, 1e-38, -3.4e38, .ulpOfOne, 1 + .ulpOfOne]
        var values = specials
        while values.count < count {
            // Random bit patterns cover every exponent; skip NaN and ±Inf.
            let x = Float(bitPattern: UInt32(truncatingIfNeeded: rng.next()))
            if x.isFinite { values.append(x) }
        }
        rng.shuffle(&values)
        return Array(values.prefix(count))
    }

    func testRoundTripIsBitExactWithTimeColumn() throws {
        let samples = awkwardFloats(count: 3 * 400, seed: 1)
        let signal = Signal(samples: samples, channelCount: 3, frameCount: 400, sampleRate: 250,
                            channelNames: ["Fz", "Cz", "Pz"])
        let path = directory + "/s.csv"
        try CSVWriter.write(signal: signal, to: path, includeTime: true)
        let result = try CSVReader.readWithInfo(path: path)
        XCTAssertEqual(Fixtures.bits(result.signal.samples), Fixtures.bits(samples))
        XCTAssertEqual(result.signal.channelNames, ["Fz", "Cz", "Pz"])
        XCTAssertEqual(result.signal.frameCount, 400)
        XCTAssertEqual(result.signal.sampleRate, 250, accuracy: 250 * 1e-6)
        XCTAssertEqual(result.rateSource, .timeColumn)
        XCTAssertEqual(result.timeColumn, "time")
        XCTAssertTrue(result.hadHeader)
    }

    func testRoundTripIsBitExactWithoutTimeColumnKeepingOddNames() throws {
        let samples = awkwardFloats(count: 5 * 300, seed: 2)
        // Names that must be quoted to survive: delimiters, quotes, a comment marker, spaces,
        // and numbers (which would otherwise make the header look like a data row).
        let names = ["a,b", "say \"hi\"", "#3", " padded ", "1", "x;y"]
        let signal = Signal(samples: samples + awkwardFloats(count: 300, seed: 3), channelCount: 6, frameCount: 300,
                            sampleRate: 1, channelNames: names)
        let path = directory + "/s.csv"
        try CSVWriter.write(signal: signal, to: path, includeTime: false)
        let result = try CSVReader.readWithInfo(path: path)
        XCTAssertEqual(Fixtures.bits(result.signal.samples), Fixtures.bits(signal.samples))
        XCTAssertEqual(result.signal.channelNames, names)
        XCTAssertEqual(result.rateSource, .default)
        XCTAssertEqual(result.signal.sampleRate, 1)
        XCTAssertNil(result.timeColumn)
        XCTAssertEqual(result.delimiter, UInt8(ascii: ","))
    }

    func testHeaderIsDetectedOnlyWhenTheFirstRowHasText() throws {
        let withHeader = try CSVReader.readWithInfo(path: Fixtures.write("x,y\n1,2\n3,4\n", named: "h.csv", in: directory))
        XCTAssertTrue(withHeader.hadHeader)
        XCTAssertEqual(withHeader.signal.channelNames, ["x", "y"])
        XCTAssertEqual(withHeader.signal.samples, [1, 3, 2, 4])

        let without = try CSVReader.readWithInfo(path: Fixtures.write("1,2\n3,4\n", named: "n.csv", in: directory))
        XCTAssertFalse(without.hadHeader)
        XCTAssertEqual(without.signal.channelNames, ["ch0", "ch1"])
        XCTAssertEqual(without.signal.samples, [1, 3, 2, 4])
        XCTAssertEqual(without.signal.frameCount, 2)
    }

    func testQuotedFirstRowIsAHeaderEvenIfItsNamesAreNumbers() throws {
        let quoted = try CSVReader.readWithInfo(path: Fixtures.write("\"1\",\"2\"\n3,4\n", named: "q.csv", in: directory))
        XCTAssertTrue(quoted.hadHeader)
        XCTAssertEqual(quoted.signal.channelNames, ["1", "2"])
        XCTAssertEqual(quoted.signal.samples, [3, 4])
        // So a signal whose channels are named by numbers survives a round trip.
        let signal = Signal(samples: [0.5, -1], channelCount: 2, frameCount: 1, sampleRate: 1, channelNames: ["10", "2.5"])
        let path = directory + "/numbers.csv"
        try CSVWriter.write(signal: signal, to: path, includeTime: false)
        XCTAssertEqual(try CSVReader.read(path: path), signal)
    }

    func testTimeColumnInTheMiddleIsNotAChannel() throws {
        let path = Fixtures.write("a, T ,b\n1,0,2\n3,0.5,4\n5,1.0,6\n", named: "t.csv", in: directory)
        let result = try CSVReader.readWithInfo(path: path)
        XCTAssertEqual(result.signal.channelNames, ["a", "b"])
        XCTAssertEqual(result.signal.samples, [1, 3, 5, 2, 4, 6])
        XCTAssertEqual(result.timeColumn, "T")
        XCTAssertEqual(result.signal.sampleRate, 2, accuracy: 1e-12)
        XCTAssertEqual(result.availableChannels, ["a", "b"])
    }

    func testRateIsInferredFromTheTimeColumn() throws {
        var text = "t,x\n"
        for i in 0..<1000 { text += "\(Double(i) * 0.001),\(i)\n" }
        let result = try CSVReader.readWithInfo(path: Fixtures.write(text, named: "r.csv", in: directory))
        XCTAssertEqual(result.signal.sampleRate, 1000, accuracy: 1000 * 1e-9)
        XCTAssertEqual(result.rateSource, .timeColumn)
        XCTAssertEqual(result.signal.frameCount, 1000)
    }

    /// Decimal time stamps are inexact in binary; a regular column still gives the exact rate,
    /// and an irregular one is not rounded.
    func testRegularDecimalTimeStampsGiveAWholeRate() throws {
        var text = "time,x\n"
        for i in 0..<20_000 { text += "\(Double(i) / 100),\(i)\n" }
        let regular = try CSVReader.read(path: Fixtures.write(text, named: "d.csv", in: directory))
        XCTAssertEqual(regular.sampleRate, 100)
        let odd = try CSVReader.read(path: Fixtures.write("t,x\n0,1\n0.3,2\n0.6,3\n", named: "o.csv", in: directory))
        XCTAssertEqual(odd.sampleRate, 1 / 0.3, accuracy: 1e-9)
        XCTAssertNotEqual(odd.sampleRate, 3)
    }

    func testMedianIgnoresOneGapInTheTimeColumn() throws {
        let text = "time,x\n0,1\n0.1,2\n0.2,3\n5.0,4\n5.1,5\n"
        let result = try CSVReader.readWithInfo(path: Fixtures.write(text, named: "g.csv", in: directory))
        XCTAssertEqual(result.signal.sampleRate, 10, accuracy: 1e-9)
    }

    func testRateOptionWinsOverTheTimeColumn() throws {
        let path = Fixtures.write("time,x\n0,1\n0.5,2\n", named: "o.csv", in: directory)
        let result = try CSVReader.readWithInfo(path: path, options: CSVOptions(sampleRate: 128))
        XCTAssertEqual(result.signal.sampleRate, 128)
        XCTAssertEqual(result.rateSource, .option)
        XCTAssertEqual(result.signal.channelNames, ["x"])
    }

    func testBOMCRLFCommentsAndBlankLinesReadLikeThePlainFile() throws {
        let plain = "a,b\n1.5,-2\n3,4e-3\n"
        let decorated = "\u{FEFF}# exported by a tool\r\na,b\r\n\r\n1.5 , -2\r\n  # mid comment\r\n 3,\t4e-3\r\n\r\n\r\n"
        let expected = try CSVReader.read(path: Fixtures.write(plain, named: "plain.csv", in: directory))
        let got = try CSVReader.read(path: Fixtures.write(decorated, named: "deco.csv", in: directory))
        XCTAssertEqual(got, expected)
        XCTAssertEqual(expected.samples, [1.5, 3, -2, 4e-3])
    }

    func testQuotedFieldsAndQuotedHeaderNames() throws {
        let text = "\"x,y\",\"say \"\"hi\"\"\", plain\n\"1.5\", 2 ,\" 3 \"\n4,\"5\",6\n"
        let result = try CSVReader.readWithInfo(path: Fixtures.write(text, named: "q.csv", in: directory))
        XCTAssertEqual(result.signal.channelNames, ["x,y", "say \"hi\"", "plain"])
        XCTAssertEqual(result.signal.samples, [1.5, 4, 2, 5, 3, 6])
    }

    func testQuotedNameMayContainALineBreak() throws {
        let text = "\"two\nlines\",b\n1,2\n3,4\n"
        let result = try CSVReader.readWithInfo(path: Fixtures.write(text, named: "ml.csv", in: directory))
        XCTAssertEqual(result.signal.channelNames, ["two\nlines", "b"])
        XCTAssertEqual(result.signal.frameCount, 2)
        // Line numbers stay physical: the bad row is on line 5.
        let bad = Fixtures.write(text + "5,x\n", named: "ml-bad.csv", in: directory)
        assertBadData(try CSVReader.read(path: bad), line: 5, column: 2, message: "expected a number")
    }

    func testSemicolonAndTabAreDetected() throws {
        let semicolon = try CSVReader.readWithInfo(path: Fixtures.write("a;b\n1.5;2\n", named: "s.csv", in: directory))
        XCTAssertEqual(semicolon.delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(semicolon.signal.channelNames, ["a", "b"])
        XCTAssertEqual(semicolon.signal.samples, [1.5, 2])
        // "1,5" is not a number: the detected delimiter really is ';'.
        assertBadData(try CSVReader.read(path: Fixtures.write("a;b\n1,5;2\n", named: "s2.csv", in: directory)),
                      line: 2, column: 1, message: "\"1,5\"")

        let tab = try CSVReader.readWithInfo(path: Fixtures.write("a\tb\tc\n1\t2\t3\n", named: "t.tsv", in: directory))
        XCTAssertEqual(tab.delimiter, UInt8(ascii: "\t"))
        XCTAssertEqual(tab.signal.samples, [1, 2, 3])
    }

    func testExplicitDelimiterIsUsed() throws {
        let path = Fixtures.write("a|b\n1|2\n", named: "p.csv", in: directory)
        let signal = try CSVReader.read(path: path, options: CSVOptions(delimiter: UInt8(ascii: "|")))
        XCTAssertEqual(signal.channelNames, ["a", "b"])
        XCTAssertEqual(signal.samples, [1, 2])
    }

    func testChannelsByNameAndIndexKeepTheGivenOrder() throws {
        let path = Fixtures.write("time,a,b,c\n0,1,2,3\n1,4,5,6\n", named: "c.csv", in: directory)
        let byName = try CSVReader.read(path: path, options: CSVOptions(channels: ["c", "a"]))
        XCTAssertEqual(byName.channelNames, ["c", "a"])
        XCTAssertEqual(byName.samples, [3, 6, 1, 4])
        // Indices count data columns only: 1 is "b", not "a".
        let byIndex = try CSVReader.read(path: path, options: CSVOptions(channels: ["1", "0"]))
        XCTAssertEqual(byIndex.channelNames, ["b", "a"])
        XCTAssertEqual(byIndex.samples, [2, 5, 1, 4])
    }

    func testUnknownChannelNamesItAndTheAvailableOnes() throws {
        let path = Fixtures.write("a,b\n1,2\n", named: "u.csv", in: directory)
        for wrong in ["zz", "2", "-1"] {
            assertNicaError(try CSVReader.read(path: path, options: CSVOptions(channels: ["a", wrong]))) { error in
                guard case let .invalidArgument(argument, message) = error else { return false }
                return argument == "--channels" && message.contains("\"\(wrong)\"") && message.contains("0=a, 1=b")
            }
        }
        assertNicaError(try CSVReader.read(path: path, options: CSVOptions(channels: ["a", "0"]))) {
            $0 == .invalidArgument(argument: "--channels", message: "channel \"a\" is selected twice")
        }
    }

    func testUnselectedTextColumnsAreNotParsed() throws {
        let path = Fixtures.write("label,x\nrest,1\nmove,2\n", named: "l.csv", in: directory)
        XCTAssertEqual(try CSVReader.read(path: path, options: CSVOptions(channels: ["x"])).samples, [1, 2])
        assertBadData(try CSVReader.read(path: path), line: 2, column: 1, message: "\"rest\"")
    }

    func testLargeFileParsesAcrossChunkBoundaries() throws {
        // 200k rows × 4 columns, about 3.4 MB: several 1 MiB chunks.
        let rows = 200_000
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows * 20)
        bytes += Array("a,b,c,d\n".utf8)
        // Precomputed digit strings keep fixture generation fast in debug builds.
        let small = (0..<1000).map { Array(String($0).utf8) }
        for i in 0..<rows {
            bytes += small[i % 1000]; bytes.append(44)
            bytes += small[(i / 1000) % 1000]; bytes.append(44)
            bytes.append(45); bytes += small[i % 7]; bytes.append(44)
            bytes += small[i % 997]; bytes.append(46); bytes.append(53); bytes.append(10)
        }
        let path = Fixtures.write(bytes, named: "big.csv", in: directory)
        let signal = try CSVReader.read(path: path)
        XCTAssertEqual(signal.frameCount, rows)
        XCTAssertEqual(signal.channelCount, 4)
        for i in [0, 1, 999, 1000, 65_535, 123_457, rows - 1] {
            XCTAssertEqual(signal.samples[i], Float(i % 1000))
            XCTAssertEqual(signal.samples[rows + i], Float((i / 1000) % 1000))
            XCTAssertEqual(signal.samples[2 * rows + i], -Float(i % 7))
            XCTAssertEqual(signal.samples[3 * rows + i], Float(i % 997) + 0.5)
        }
    }

    func testTinyChunkSizesGiveTheSameResult() throws {
        let text = "\u{FEFF}# comment\r\n\"x,1\",time,\"y\"\"\"\r\n1.25,0,\"-2\"\r\n\r\n3e-5 , 0.5 ,4\n# c\n5,1,\"6\"\n\n"
        let path = Fixtures.write(text, named: "tiny.csv", in: directory)
        let reference = try CSVReader.readWithInfo(path: path)
        XCTAssertEqual(reference.signal.channelNames, ["x,1", "y\""])
        XCTAssertEqual(reference.signal.samples, [1.25, 3e-5, 5, -2, 4, 6])
        XCTAssertEqual(reference.signal.sampleRate, 2, accuracy: 1e-12)
        for chunk in [1, 2, 3, 5, 7, 64] {
            XCTAssertEqual(try CSVReader.readWithInfo(path: path, chunkSize: chunk), reference, "chunk size \(chunk)")
        }
    }

    func testTinyChunksKeepLineNumbersInErrors() throws {
        let path = Fixtures.write("a,b\n1,2\n\"3\",4\n5,oops\n", named: "e.csv", in: directory)
        for chunk in [1, 3, 1 << 20] {
            assertBadData(try CSVReader.readWithInfo(path: path, chunkSize: chunk), line: 4, column: 2, message: "\"oops\"")
        }
    }
}
