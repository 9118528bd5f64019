import Foundation
import NicaCore
import SignalIO
import TestSupport
import XCTest

final class SignalReaderTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-reader")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testCSVIsDescribed() throws {
        let path = Fixtures.write("a;time;b\n1;0;2\n3;0.01;4\n", named: "in.CSV", in: directory)
        let (signal, info) = try SignalReader.read(path: path, csv: CSVOptions(channels: ["b"]))
        XCTAssertEqual(signal.samples, [2, 4])
        XCTAssertEqual(info, SignalSourceInfo(
            path: path, kind: .csv, format: "CSV", delimiter: ";", hadHeader: true, timeColumn: "time",
            rateSource: .timeColumn, sampleRate: signal.sampleRate, availableChannels: ["a", "b"],
            selectedChannels: ["b"], frameCount: 2))
        XCTAssertEqual(info.sampleRate, 100, accuracy: 1e-9)
    }

    func testTextExtensionsGoToTheCSVReader() throws {
        for name in ["x.tsv", "x.txt", "X.TXT"] {
            let path = Fixtures.write("1\t2\n3\t4\n", named: name, in: directory)
            let (signal, info) = try SignalReader.read(path: path)
            XCTAssertEqual(info.kind, .csv, name)
            XCTAssertEqual(info.delimiter, "\t", name)
            XCTAssertEqual(info.hadHeader, false, name)
            XCTAssertEqual(info.rateSource, .default, name)
            XCTAssertEqual(signal.samples, [1, 3, 2, 4], name)
        }
    }

    func testAudioChannelsAreSelectedByIndexOrName() throws {
        var rng = SeededRNG(seed: 3)
        let frames = 400
        let samples = (0..<(4 * frames)).map { _ in rng.uniform() - 0.5 }
        let original = Signal(samples: samples, channelCount: 4, frameCount: frames, sampleRate: 16_000)
        let path = directory + "/rec.wav"
        try AudioFile.write(original, to: path)

        let (signal, info) = try SignalReader.read(path: path, csv: CSVOptions(channels: ["3", "ch1"]))
        XCTAssertEqual(signal.channelNames, ["ch3", "ch1"])
        XCTAssertEqual(Array(signal.channel(0)), Array(original.channel(3)))
        XCTAssertEqual(Array(signal.channel(1)), Array(original.channel(1)))
        XCTAssertEqual(info.kind, .audio)
        XCTAssertEqual(info.format, "WAV (Microsoft)")
        XCTAssertEqual(info.encoding, "32 bit float")
        XCTAssertEqual(info.rateSource, .fileHeader)
        XCTAssertEqual(info.sampleRate, 16_000)
        XCTAssertEqual(info.availableChannels, ["ch0", "ch1", "ch2", "ch3"])
        XCTAssertEqual(info.selectedChannels, ["ch3", "ch1"])
        XCTAssertEqual(info.frameCount, frames)
        XCTAssertNil(info.hadHeader)

        let (all, _) = try SignalReader.read(path: path)
        XCTAssertEqual(all, Signal(samples: samples, channelCount: 4, frameCount: frames, sampleRate: 16_000))
    }

    func testRateOptionOverridesTheAudioHeader() throws {
        let path = directory + "/r.flac"
        try AudioFile.write(Signal(samples: [0.5, -0.5], channelCount: 1, frameCount: 2, sampleRate: 8_000),
                            to: path, encoding: .pcm16)
        let (signal, info) = try SignalReader.read(path: path, csv: CSVOptions(sampleRate: 250))
        XCTAssertEqual(signal.sampleRate, 250)
        XCTAssertEqual(info.rateSource, .option)
        XCTAssertTrue(info.format.hasPrefix("FLAC"), info.format)
    }

    func testAudioErrors() throws {
        let path = directory + "/a.wav"
        try AudioFile.write(Signal(samples: [0, 0], channelCount: 2, frameCount: 1, sampleRate: 8), to: path)
        assertNicaError(try SignalReader.read(path: path, csv: CSVOptions(channels: ["2"]))) {
            if case .invalidArgument("--channels", let message) = $0 { return message.contains("0=ch0, 1=ch1") }
            return false
        }
        assertNicaError(try SignalReader.read(path: path, csv: CSVOptions(sampleRate: -1))) {
            if case .invalidArgument("--rate", _) = $0 { return true }
            return false
        }
        let fake = Fixtures.write("not audio at all", named: "fake.ogg", in: directory)
        assertBadData(try SignalReader.read(path: fake), line: 0, column: 0, message: "not a readable audio file")
        assertNicaError(try SignalReader.read(path: directory + "/missing.csv")) {
            if case .missingInput = $0 { return true }
            return false
        }
    }

    func testInfoEncodesToJSONAndBack() throws {
        let path = Fixtures.write("t,x\n0,1\n1,2\n", named: "j.csv", in: directory)
        let (_, info) = try SignalReader.read(path: path)
        let decoded = try JSONDecoder().decode(SignalSourceInfo.self, from: JSONEncoder().encode(info))
        XCTAssertEqual(decoded, info)
        let json = String(decoding: try JSONEncoder().encode(info), as: UTF8.self)
        XCTAssertTrue(json.contains("\"rateSource\":\"time-column\""), json)
    }
}
