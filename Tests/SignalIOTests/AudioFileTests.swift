import Foundation
import NicaCore
import SignalIO
import TestSupport
import XCTest

final class AudioFileTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-audio")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A multichannel signal in [−1, 1) whose channels differ, so a swap would show.
    private func testSignal(channels: Int = 5, frames: Int = 3_000, rate: Double = 44_100, seed: UInt64 = 7) -> Signal {
        var rng = SeededRNG(seed: seed)
        var samples = [Float](repeating: 0, count: channels * frames)
        for c in 0..<channels {
            for t in 0..<frames {
                samples[c * frames + t] = Float(rng.uniform(-1, 1)) * 0.9 + Float(c) * 0.01
            }
        }
        return Signal(samples: samples, channelCount: channels, frameCount: frames, sampleRate: rate)
    }

    // MARK: Round trips

    func testFloat32WAVIsBitExactAndKeepsChannelOrderAndRate() throws {
        let signal = testSignal()
        let path = directory + "/f.wav"
        try AudioFile.write(signal, to: path)
        let back = try AudioFile.read(path: path)
        XCTAssertEqual(back.channelCount, 5)
        XCTAssertEqual(back.frameCount, 3_000)
        XCTAssertEqual(back.sampleRate, 44_100)
        XCTAssertEqual(back.channelNames, ["ch0", "ch1", "ch2", "ch3", "ch4"])
        XCTAssertEqual(Fixtures.bits(back.samples), Fixtures.bits(signal.samples))
        XCTAssertEqual(Fixtures.listing(directory), ["f.wav"])
    }

    func testFloat32KeepsValuesOutsideTheAudioRange() throws {
        let samples: [Float] = [123.5, -1e-30, 3e38, -7, 0, .leastNonzeroMagnitude]
        let signal = Signal(samples: samples, channelCount: 2, frameCount: 3, sampleRate: 10)
        let path = directory + "/latents.wav"
        try AudioFile.write(signal, to: path, encoding: .float32)
        XCTAssertEqual(Fixtures.bits(try AudioFile.read(path: path).samples), Fixtures.bits(samples))
        try AudioFile.write(signal, to: path, encoding: .float64)
        XCTAssertEqual(Fixtures.bits(try AudioFile.read(path: path).samples), Fixtures.bits(samples))
    }

    func testIntegerEncodingsAreWithinHalfAQuantisationStep() throws {
        let signal = testSignal(channels: 3, frames: 2_000)
        for (encoding, bits) in [(AudioEncoding.pcm16, 16), (.pcm24, 24), (.pcm32, 32)] {
            let path = directory + "/\(encoding.rawValue).wav"
            try AudioFile.write(signal, to: path, encoding: encoding)
            let back = try AudioFile.read(path: path)
            XCTAssertEqual(back.frameCount, signal.frameCount)
            // Half a step of quantisation; at 32 bits Float32's own 2^-25 dominates.
            let tolerance = max(Float(0.5) / Float(1 << (bits - 1)), 0.5 * Float.ulpOfOne) * 1.0001
            XCTAssertLessThanOrEqual(TestSupport.maxAbsDifference(back.samples, signal.samples), tolerance, "\(encoding)")
            XCTAssertGreaterThan(TestSupport.maxAbsDifference(back.samples, signal.samples), 0, "\(encoding) is lossy")
        }
    }

    func testIntegerEncodingsClipOutOfRangeValues() throws {
        let signal = Signal(samples: [2, -2, 1, -1], channelCount: 1, frameCount: 4, sampleRate: 8_000)
        let path = directory + "/clip.wav"
        try AudioFile.write(signal, to: path, encoding: .pcm16)
        XCTAssertEqual(try AudioFile.read(path: path).samples, [32_767.0 / 32_768, -1, 32_767.0 / 32_768, -1])
    }

    /// Chosen columns of a frames × values matrix are written as the signal made of them would be.
    func testMatrixColumnsAreWrittenAsTheirSignal() throws {
        let matrix = Matrix(rows: 20_000, cols: 3, data: (0..<60_000).map { Float($0 % 977) / 977 - 0.5 })
        let columns = [2, 0]
        var samples: [Float] = []
        for c in columns { for r in 0..<matrix.rows { samples.append(matrix[r, c]) } }
        let signal = Signal(samples: samples, channelCount: 2, frameCount: matrix.rows, sampleRate: 37.5,
                            channelNames: ["z2", "z0"])
        for encoding in [AudioEncoding.float32, .pcm16] {
            let fromSignal = directory + "/signal.wav", fromMatrix = directory + "/matrix.wav"
            try AudioFile.write(signal, to: fromSignal, encoding: encoding)
            try AudioFile.write(columns: columns, of: matrix, sampleRate: 37.5, channelNames: ["z2", "z0"],
                                to: fromMatrix, encoding: encoding)
            XCTAssertEqual(Fixtures.bytes(at: fromMatrix), Fixtures.bytes(at: fromSignal), "\(encoding)")
        }
        var bad = matrix
        bad[5, 2] = .nan
        XCTAssertThrowsError(try AudioFile.write(columns: columns, of: bad, sampleRate: 10, channelNames: ["z2", "z0"],
                                                 to: directory + "/nan.wav")) { error in
            XCTAssertEqual("\(error)", "numerical error: cannot write nan (channel z2, frame 5) to \(self.directory)/nan.wav")
        }
    }

    func testFLACAndAIFFRoundTrips() throws {
        let signal = testSignal(channels: 4, frames: 2_500, rate: 48_000)
        for (name, encoding, step) in [("a.flac", AudioEncoding.pcm16, Float(1) / 32_768),
                                       ("b.flac", .pcm24, Float(1) / 8_388_608),
                                       ("c.aiff", .pcm24, Float(1) / 8_388_608)] {
            let path = directory + "/" + name
            try AudioFile.write(signal, to: path, encoding: encoding)
            let back = try AudioFile.read(path: path)
            XCTAssertEqual(back.channelCount, 4, name)
            XCTAssertEqual(back.sampleRate, 48_000, name)
            XCTAssertLessThanOrEqual(TestSupport.maxAbsDifference(back.samples, signal.samples), step / 2 * 1.0001, name)
        }
        let aiffFloat = directory + "/d.aif"
        try AudioFile.write(signal, to: aiffFloat, encoding: .float32)
        XCTAssertEqual(Fixtures.bits(try AudioFile.read(path: aiffFloat).samples), Fixtures.bits(signal.samples))
    }

    func testSampleRateIsRoundedAndAtLeastOneHertz() throws {
        let path = directory + "/slow.wav"
        var signal = testSignal(channels: 1, frames: 10, rate: 0.25)
        try AudioFile.write(signal, to: path)
        XCTAssertEqual(try AudioFile.read(path: path).sampleRate, 1)
        signal.sampleRate = 1000.4
        try AudioFile.write(signal, to: path)
        XCTAssertEqual(try AudioFile.read(path: path).sampleRate, 1000)
    }

    // MARK: Headers that lie about the length

    /// The offset of the `data` chunk header in a RIFF/WAVE file.
    private func dataChunkOffset(_ bytes: [UInt8]) -> Int {
        var offset = 12
        while offset + 8 <= bytes.count {
            let size = Int(bytes[offset + 4]) | Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6]) << 16
                | Int(bytes[offset + 7]) << 24
            if bytes[offset..<(offset + 4)].elementsEqual("data".utf8) { return offset }
            offset += 8 + size + (size & 1)
        }
        XCTFail("no data chunk")
        return 0
    }

    private func patch(_ bytes: inout [UInt8], at offset: Int, _ value: UInt32) {
        for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt32(k))) }
    }

    func testWrongDataSizesStillReadEveryFrame() throws {
        for encoding in [AudioEncoding.float32, .pcm16] {
            let signal = testSignal(channels: 2, frames: 1_000, rate: 8_000)
            let path = directory + "/stream.wav"
            try AudioFile.write(signal, to: path, encoding: encoding)
            let original = Fixtures.bytes(at: path)
            let expected = try AudioFile.read(path: path).samples
            let data = dataChunkOffset(original)
            let realSize = UInt32(original.count - data - 8)
            // (RIFF size, data size): streamed (0xFFFFFFFF, sox's 0x7FFFF000), never
            // finalised (0), stale (too small).
            let cases: [(UInt32, UInt32)] = [(0xFFFF_FFFF, 0xFFFF_FFFF), (UInt32(original.count - 8), 0x7FFF_F000),
                                             (0, 0), (36, 0), (0xFFFF_FFFF, 0), (100, realSize / 3),
                                             (UInt32(original.count - 8), realSize - 16)]
            for (riff, size) in cases {
                var bytes = original
                patch(&bytes, at: 4, riff)
                patch(&bytes, at: data + 4, size)
                let broken = Fixtures.write(bytes, named: "broken.wav", in: directory)
                let back = try AudioFile.read(path: broken)
                XCTAssertEqual(back.frameCount, 1_000, "\(encoding) RIFF \(riff) data \(size)")
                XCTAssertEqual(Fixtures.bits(back.samples), Fixtures.bits(expected), "\(encoding) RIFF \(riff) data \(size)")
            }
        }
    }

    func testTrailingChunkAfterDataIsNotMistakenForAudio() throws {
        let signal = testSignal(channels: 2, frames: 500, rate: 8_000)
        let path = directory + "/tagged.wav"
        try AudioFile.write(signal, to: path, encoding: .pcm16)
        var bytes = Fixtures.bytes(at: path)
        let list = Array("LIST".utf8) + [12, 0, 0, 0] + Array("INFOISFT".utf8) + [0, 0, 0, 0]
        bytes += list
        patch(&bytes, at: 4, UInt32(bytes.count - 8))
        let tagged = Fixtures.write(bytes, named: "tagged.wav", in: directory)
        XCTAssertEqual(try AudioFile.read(path: tagged).frameCount, 500)
    }

    // MARK: Errors

    /// Longer than one read chunk (16 384 frames), and cut short so the header promises more
    /// frames than the file holds: the frames present come back, each channel intact.
    /// A truncated WAV is refused (see the truncation tests); other containers whose data ends
    /// early are read as far as they go, through the path that compacts the channels.
    func testTruncatedMultiChunkAIFFReadsTheFramesPresent() throws {
        let signal = testSignal(channels: 3, frames: 40_000)
        let path = directory + "/long.aiff"
        try AudioFile.write(signal, to: path, encoding: .float32)
        XCTAssertEqual(try AudioFile.read(path: path), signal)
        let size = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let keptFrames = 25_000
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size - (40_000 - keptFrames) * 3 * 4))
        try handle.close()
        let read = try AudioFile.read(path: path)
        XCTAssertEqual(read.frameCount, keptFrames)
        for c in 0..<3 { XCTAssertEqual(Array(read.channel(c)), Array(signal.channel(c).prefix(keptFrames)), "channel \(c)") }
    }

    func testTextFileNamedWAVIsBadData() {
        let path = Fixtures.write("time,a\n0,1\n1,2\n", named: "fake.wav", in: directory)
        assertBadData(try AudioFile.read(path: path), line: 0, column: 0, message: "not a readable audio file")
    }

    func testEmptyAudioIsBadData() throws {
        let path = directory + "/empty.wav"
        try AudioFile.write(Signal(samples: [], channelCount: 2, frameCount: 0, sampleRate: 8_000), to: path)
        assertBadData(try AudioFile.read(path: path), line: 0, column: 0, message: "no audio frames")
    }

    func testMissingFileAndDirectoryAreMissingInput() {
        assertNicaError(try AudioFile.read(path: directory + "/none.wav")) {
            if case .missingInput = $0 { return true }
            return false
        }
        assertNicaError(try AudioFile.read(path: directory)) {
            if case .missingInput = $0 { return true }
            return false
        }
    }

    func testWriteRefusesWhatItCannotStore() {
        let signal = testSignal(channels: 1, frames: 10)
        assertNicaError(try AudioFile.write(signal, to: directory + "/x.mp4")) {
            if case .invalidArgument = $0 { return true }
            return false
        }
        assertNicaError(try AudioFile.write(signal, to: directory + "/x.flac", encoding: .float32)) {
            if case .invalidArgument(_, let message) = $0 { return message.contains("FLAC") }
            return false
        }
        var nanSignal = signal
        nanSignal.samples[3] = .nan
        assertNicaError(try AudioFile.write(nanSignal, to: directory + "/nan.wav")) {
            if case .numerical(let message) = $0 { return message.contains("frame 3") }
            return false
        }
        var badRate = signal
        badRate.sampleRate = .infinity
        assertNicaError(try AudioFile.write(badRate, to: directory + "/rate.wav")) {
            if case .invalidArgument = $0 { return true }
            return false
        }
        XCTAssertEqual(Fixtures.listing(directory), [], "no output and no temporary file")
    }

    func testFailedWriteLeavesTheOldFile() throws {
        let path = directory + "/keep.wav"
        let good = testSignal(channels: 2, frames: 100)
        try AudioFile.write(good, to: path)
        let before = Fixtures.bytes(at: path)
        var bad = good
        bad.samples[150] = .infinity
        XCTAssertThrowsError(try AudioFile.write(bad, to: path))
        XCTAssertEqual(Fixtures.bytes(at: path), before)
        XCTAssertEqual(Fixtures.listing(directory), ["keep.wav"])
    }

    func testLibraryVersionNamesLibsndfile() {
        XCTAssertTrue(AudioFile.libraryVersion.hasPrefix("libsndfile"), AudioFile.libraryVersion)
    }
}
