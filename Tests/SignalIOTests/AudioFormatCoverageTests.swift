import Foundation
import NicaCore
import SignalIO
import TestSupport
import XCTest

/// Every sample format and container libsndfile reads is accepted (the fuzzing seed corpus
/// doubles as the fixture set), and files cut short are refused rather than half-read.
final class AudioFormatCoverageTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-formats")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `Fuzz/corpus/audio/<container>-<encoding>-<channels>.<ext>`: channel c, frame t holds
    /// 0.5·sin(0.3·t·(c + 1)) at 8 kHz, written from Float32 with libsndfile (`sf_writef_float`).
    private let corpus: [(name: String, channels: Int, frames: Int, tolerance: Float)] = [
        ("wav-u8-mono.wav", 1, 32, 1.0 / 128),
        ("wav-pcm16-stereo.wav", 2, 32, 1e-4),
        ("wav-pcm24-3ch.wav", 3, 32, 1e-6),
        ("wav-pcm32-4ch.wav", 4, 16, 1e-6),
        ("wav-float-2ch.wav", 2, 16, 1e-7),
        ("wav-double-1ch.wav", 1, 16, 1e-7),
        ("wavex-pcm16-8ch.wav", 8, 8, 1e-4),
        ("aiff-pcm16-2ch.aiff", 2, 32, 1e-4),
        ("flac-pcm16-1ch.flac", 1, 64, 1e-4),
        ("au-pcm16-1ch.au", 1, 32, 1e-4),
        ("caf-float-2ch.caf", 2, 16, 1e-7),
        ("w64-pcm16-1ch.w64", 1, 16, 1e-4),
        ("wav-ulaw-1ch.wav", 1, 32, 0.02),
    ]

    func testEverySampleFormatIsReadWithItsChannelsAndValues() throws {
        let root = CommandRunner.packageRoot.appendingPathComponent("Fuzz/corpus/audio").path
        for (name, channels, frames, tolerance) in corpus {
            let signal = try AudioFile.read(path: root + "/" + name)
            XCTAssertEqual(signal.channelCount, channels, name)
            XCTAssertEqual(signal.frameCount, frames, name)
            XCTAssertEqual(signal.sampleRate, 8_000, name)
            var worst: Float = 0
            for c in 0..<channels {
                let channel = Array(signal.channel(c))
                for t in 0..<frames {
                    worst = max(worst, abs(channel[t] - 0.5 * sin(0.3 * Float(t) * Float(c + 1))))
                }
            }
            XCTAssertLessThanOrEqual(worst, tolerance, name)
        }
        // A lossy ADPCM file is accepted and finite (its values are only approximate).
        let adpcm = try AudioFile.read(path: root + "/wav-imaadpcm-1ch.wav")
        XCTAssertGreaterThanOrEqual(adpcm.frameCount, 64)
        XCTAssertTrue(adpcm.samples.allSatisfy { $0.isFinite && abs($0) <= 1 })
    }

    func testManyChannelsRoundTrip() throws {
        let channels = 64, frames = 300
        let samples = (0..<(channels * frames)).map { Float(($0 * 7919) % 2001 - 1000) / 1024 }
        let signal = Signal(samples: samples, channelCount: channels, frameCount: frames, sampleRate: 1_000)
        for (encoding, ext) in [(AudioEncoding.float32, "wav"), (.pcm24, "wav"), (.pcm16, "aiff")] {
            let path = directory + "/many.\(ext)"
            try AudioFile.write(signal, to: path, encoding: encoding)
            let back = try AudioFile.read(path: path)
            XCTAssertEqual(back.channelCount, channels, "\(encoding)")
            XCTAssertEqual(back.frameCount, frames, "\(encoding)")
            XCTAssertLessThanOrEqual(TestSupport.maxAbsDifference(back.samples, signal.samples), 1.0 / 32_768, "\(encoding)")
        }
    }

    func testWAVCutShortIsRefusedAsTruncated() throws {
        let frames = 2_000
        let signal = Signal(samples: (0..<(2 * frames)).map { Float($0 % 100) / 200 }, channelCount: 2,
                            frameCount: frames, sampleRate: 8_000)
        let path = directory + "/whole.wav"
        try AudioFile.write(signal, to: path, encoding: .pcm16)
        let bytes = Fixtures.bytes(at: path)
        XCTAssertEqual(try AudioFile.read(path: path).frameCount, frames)
        for keep in [44, 45, 1_000, bytes.count - 1] {
            let cut = Fixtures.write(Array(bytes[0..<keep]), named: "cut.wav", in: directory)
            let message = assertBadData(try AudioFile.read(path: cut), line: 0, column: 0, message: "truncated")
            XCTAssertTrue(message?.contains("declares \(4 * frames) bytes") ?? false, message ?? "")
            XCTAssertTrue(message?.contains("holds \(keep - 44)") ?? false, message ?? "")
        }
    }

    func testIdenticalSignalsGiveIdenticalFloatFiles() throws {
        let signal = Signal(samples: (0..<600).map { Float($0) / 600 }, channelCount: 3, frameCount: 200, sampleRate: 50)
        try AudioFile.write(signal, to: directory + "/a.wav", encoding: .float32)
        usleep(1_100_000)
        try AudioFile.write(signal, to: directory + "/b.wav", encoding: .float32)
        XCTAssertEqual(Fixtures.bytes(at: directory + "/a.wav"), Fixtures.bytes(at: directory + "/b.wav"))
    }
}
