import Foundation
import NicaCore
import SignalIO
import TestSupport
import XCTest

final class CSVWriterTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-csvw")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func text(_ path: String) -> String {
        String(decoding: Fixtures.bytes(at: path), as: UTF8.self)
    }

    func testLatentsTablePrintsIntegersWithoutDecimalPoint() throws {
        let path = directory + "/latents.csv"
        let latents = Matrix(rows: 3, cols: 2, data: [1.5, -2, 0.1, 1e-7, 3, 0])
        try CSVWriter.write(columns: [CSVColumn(name: "index", integers: [0, 1, 2]),
                                      CSVColumn(name: "time", doubles: [0, 0.25, 0.5])]
                                     + CSVColumn.columns(of: latents, names: ["z0", "z1"]),
                            to: path)
        XCTAssertEqual(text(path), "index,time,z0,z1\n0,0.0,1.5,-2.0\n1,0.25,0.1,1e-07\n2,0.5,3.0,0.0\n")
        XCTAssertEqual(Fixtures.listing(directory), ["latents.csv"])
    }

    /// Rows written one at a time print exactly as the same table given as columns.
    func testRowByRowTableMatchesTheColumnTable() throws {
        let latents = Matrix(rows: 4, cols: 3, data: [1.5, -2, 0.1, 1e-7, 3, 0, -0.0, 7.25, 1e20, 2, 3, 4])
        let times: [Double] = [0, 0.1, 0.2, 1e-9]
        let columns = directory + "/columns.csv", rows = directory + "/rows.csv"
        try CSVWriter.write(columns: [CSVColumn(name: "index", integers: Array(0..<4)), CSVColumn(name: "time", doubles: times)]
                                     + CSVColumn.columns(of: latents, names: ["z0", "z1", "a,b"]), to: columns)
        try CSVWriter.write(header: ["index", "time", "z0", "z1", "a,b"], rows: 4, to: rows) { r, row in
            try row.append(r)
            try row.append(times[r])
            for c in 0..<3 { try row.append(latents[r, c]) }
        }
        XCTAssertEqual(text(rows), text(columns))
        XCTAssertTrue(text(rows).hasPrefix("index,time,z0,z1,\"a,b\"\n0,0.0,1.5,-2.0,0.1\n"))
    }

    func testWrittenTableReadsBackWithItsKinds() throws {
        let path = directory + "/t.csv"
        let floats: [Float] = [0.1, -3.4028235e38, .leastNonzeroMagnitude]
        try CSVWriter.write(columns: [CSVColumn(name: "index", integers: [7, 8, 9]),
                                      CSVColumn(name: "z", floats: floats)], to: path)
        let signal = try CSVReader.read(path: path)
        XCTAssertEqual(signal.channelNames, ["index", "z"])
        XCTAssertEqual(Array(signal.channel(0)), [7, 8, 9])
        XCTAssertEqual(Fixtures.bits(Array(signal.channel(1))), Fixtures.bits(floats))
    }

    func testHeaderNamesAreQuotedOnlyWhenNeeded() throws {
        let path = directory + "/h.csv"
        let names = ["plain", "with space", "a,b", "q\"", "#x", "", "42", "nan", "tab\there"]
        try CSVWriter.write(columns: names.map { CSVColumn(name: $0, floats: [1]) }, to: path)
        let header = text(path).split(separator: "\n")[0]
        XCTAssertEqual(header, "plain,with space,\"a,b\",\"q\"\"\",\"#x\",\"\",\"42\",\"nan\",\"tab\there\"")
        XCTAssertEqual(try CSVReader.read(path: path).channelNames, names)
    }

    func testSignalWithTimeColumnStartsAtZeroAndStepsByThePeriod() throws {
        let path = directory + "/s.csv"
        let signal = Signal(samples: [1, 2, 3, 4], channelCount: 2, frameCount: 2, sampleRate: 4, channelNames: ["x", "y"])
        try CSVWriter.write(signal: signal, to: path, includeTime: true)
        XCTAssertEqual(text(path), "time,x,y\n0.0,1.0,3.0\n0.25,2.0,4.0\n")
        try CSVWriter.write(signal: signal, to: path, includeTime: false)
        XCTAssertEqual(text(path), "x,y\n1.0,3.0\n2.0,4.0\n")
    }

    func testOddSampleRateSurvivesTheTimeColumn() throws {
        let path = directory + "/r.csv"
        var rng = SeededRNG(seed: 9)
        let frames = 5_000
        let samples = (0..<frames).map { _ in rng.normal() }
        for rate in [44_100.0, 0.37, 1.0 / 3.0, 999.99] {
            let signal = Signal(samples: samples, channelCount: 1, frameCount: frames, sampleRate: rate)
            try CSVWriter.write(signal: signal, to: path)
            let back = try CSVReader.read(path: path)
            XCTAssertEqual(back.sampleRate, rate, accuracy: rate * 1e-6)
            XCTAssertEqual(back.samples, samples)
        }
    }

    func testTimeColumnNeedsAPositiveRate() {
        let signal = Signal(samples: [1], channelCount: 1, frameCount: 1, sampleRate: 0)
        assertNicaError(try CSVWriter.write(signal: signal, to: directory + "/z.csv")) {
            if case .invalidArgument = $0 { return true }
            return false
        }
        XCTAssertEqual(Fixtures.listing(directory), [])
    }

    func testUnwritableDirectoryIsAnIOError() {
        let signal = Signal(samples: [1], channelCount: 1, frameCount: 1, sampleRate: 1)
        assertNicaError(try CSVWriter.write(signal: signal, to: directory + "/missing/dir/s.csv")) {
            if case .io(let path, let message) = $0 {
                return path == self.directory + "/missing/dir/s.csv" && message.contains("No such file or directory")
            }
            return false
        }
    }
}
