import Foundation
import NicaCore
import SignalIO
import TestSupport
import XCTest

/// The block reader and the recording source built on it: blocks that do not divide the
/// file, the last partial block, channel selection, and the checks of a whole read.
final class AudioBlockReaderTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-blocks")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func testSignal(channels: Int, frames: Int, seed: UInt64 = 3) -> Signal {
        var rng = SeededRNG(seed: seed)
        let samples = (0..<(channels * frames)).map { i in Float(rng.uniform(-1, 1)) * 0.5 + Float(i / frames) * 0.1 }
        return Signal(samples: samples, channelCount: channels, frameCount: frames, sampleRate: 16_000)
    }

    /// Reads `reader` to the end in blocks of `size` frames (channel stride `size + 5`, the
    /// spare tail of each channel checked untouched) and returns each kept channel's frames
    /// and the block sizes seen.
    private func drain(_ reader: AudioBlockReader, size: Int, channels: [Int]?) throws -> ([[Float]], [Int]) {
        let kept = channels?.count ?? reader.channelCount
        let stride = size + 5
        var out = [[Float]](repeating: [], count: kept)
        var sizes: [Int] = []
        while true {
            var block = [Float](repeating: -9, count: kept * stride)
            let n = try block.withUnsafeMutableBufferPointer {
                try reader.read(frames: size, channels: channels, into: $0.baseAddress!, channelStride: stride)
            }
            sizes.append(n)
            if n == 0 { break }
            for j in 0..<kept {
                out[j] += block[(j * stride)..<(j * stride + n)]
                XCTAssertTrue(block[(j * stride + n)..<((j + 1) * stride)].allSatisfy { $0 == -9 }, "wrote past the block")
            }
        }
        return (out, sizes)
    }

    func testBlocksThatDoNotDivideTheFileReadEveryFrameOnce() throws {
        let signal = testSignal(channels: 3, frames: 40_001)   // more than one 16 384-frame chunk
        let path = directory + "/a.wav"
        try AudioFile.write(signal, to: path, encoding: .float32)
        for size in [1, 7, 1000, 16_385, 40_001, 50_000] {
            let reader = try AudioBlockReader(path: path)
            XCTAssertEqual(reader.declaredFrames, 40_001)
            XCTAssertEqual(reader.channelCount, 3)
            XCTAssertEqual(reader.sampleRate, 16_000)
            let (channels, sizes) = try drain(reader, size: size, channels: nil)
            for c in 0..<3 { XCTAssertEqual(Fixtures.bits(channels[c]), Fixtures.bits(Array(signal.channel(c))), "block \(size), channel \(c)") }
            // Full blocks, then the partial last one, then 0 (and 0 again).
            XCTAssertEqual(sizes.dropLast(2).allSatisfy { $0 == size }, true, "block \(size): \(sizes.prefix(5))")
            XCTAssertEqual(sizes.suffix(2).first, 40_001 % size == 0 ? size : 40_001 % size)
            XCTAssertEqual(sizes.last, 0)
            var spare: Float = 0
            XCTAssertEqual(try reader.read(frames: 10, into: &spare, channelStride: 10), 0)
            XCTAssertEqual(reader.framesRead, 40_001)
        }
    }

    func testSelectedChannelsInTheOrderAsked() throws {
        let signal = testSignal(channels: 4, frames: 999)
        let path = directory + "/b.wav"
        try AudioFile.write(signal, to: path, encoding: .pcm16)
        let whole = try AudioFile.read(path: path)
        let (channels, _) = try drain(try AudioBlockReader(path: path), size: 100, channels: [3, 0])
        XCTAssertEqual(channels[0], Array(whole.channel(3)))
        XCTAssertEqual(channels[1], Array(whole.channel(0)))
    }

    func testTruncatedWAVIsRefusedWhenOpened() throws {
        let path = directory + "/c.wav"
        try AudioFile.write(testSignal(channels: 2, frames: 4000), to: path, encoding: .pcm16)
        let bytes = Fixtures.bytes(at: path)
        let cut = Fixtures.write(Array(bytes[0..<(bytes.count / 2)]), named: "cut.wav", in: directory)
        assertBadData(try AudioBlockReader(path: cut), line: 0, column: 0, message: "truncated")
    }

    /// A WAV whose `data` size is 0 (a streamed file never finalised) has no length to plan
    /// with: the source reads it whole instead of streaming it.
    func testAWAVWithoutALengthIsNotStreamed() throws {
        let path = directory + "/d.wav"
        try AudioFile.write(testSignal(channels: 2, frames: 3000), to: path, encoding: .float32)
        var bytes = Fixtures.bytes(at: path)
        let data = bytes.count - 3000 * 2 * 4 - 8
        XCTAssertEqual(Array(bytes[data..<(data + 4)]), Array("data".utf8))
        for k in 0..<4 { bytes[data + 4 + k] = 0 }
        let unfinished = Fixtures.write(bytes, named: "unfinished.wav", in: directory)
        XCTAssertNil(try AudioBlockReader(path: unfinished).declaredFrames)
        let source = try SignalReader.open(path: unfinished)
        XCTAssertFalse(source.isStreaming)
        XCTAssertEqual(source.layout.frameCount, 3000)
    }

    /// The source streams a WAV and says what `SignalReader.read` says about it; its blocks
    /// are the channels `--channels` keeps, at the `--rate` given.
    func testRecordingSourceStreamsWhatReadWouldRead() throws {
        let path = directory + "/e.wav"
        try AudioFile.write(testSignal(channels: 3, frames: 5000), to: path, encoding: .pcm24)
        let options = CSVOptions(channels: ["2", "ch0"], sampleRate: 500)
        let (signal, info) = try SignalReader.read(path: path, csv: options)
        let source = try SignalReader.open(path: path, csv: options)
        XCTAssertTrue(source.isStreaming)
        XCTAssertEqual(source.info, info)
        XCTAssertEqual(source.layout, signal.layout)
        XCTAssertNil(source.takeInterleaved())
        XCTAssertEqual(try readAll(source, capacity: 777), signal.samples)
    }

    /// A FLAC whose STREAMINFO overstates its length (40 000 frames declared, 25 000 coded):
    /// the consumer's restart counts the frames and streams again with the exact layout; a
    /// second restart means the file keeps changing.
    func testRestartAfterTheHeaderOverstatedTheLength() throws {
        let signal = testSignal(channels: 3, frames: 25_000)
        let path = directory + "/long.flac"
        try AudioFile.write(signal, to: path, encoding: .pcm16)
        var bytes = Fixtures.bytes(at: path)
        // STREAMINFO follows "fLaC" and its 4-byte block header; the 36-bit total sample count
        // starts in the low nibble of its byte 13.
        XCTAssertEqual(Array(bytes[0..<4]), Array("fLaC".utf8))
        let declared: UInt64 = 40_000
        bytes[8 + 13] = (bytes[8 + 13] & 0xF0) | UInt8((declared >> 32) & 0x0F)
        for k in 0..<4 { bytes[8 + 14 + k] = UInt8(truncatingIfNeeded: declared >> (8 * UInt64(3 - k))) }
        let overstated = Fixtures.write(bytes, named: "overstated.flac", in: directory)
        let source = try SignalReader.open(path: overstated)
        XCTAssertTrue(source.isStreaming)
        XCTAssertEqual(source.layout.frameCount, 40_000)
        XCTAssertEqual(try readAll(source, capacity: 4096).count, 3 * 25_000)
        try source.restart()
        XCTAssertEqual(source.layout.frameCount, 25_000)
        XCTAssertEqual(source.info.frameCount, 25_000)
        XCTAssertEqual(try readAll(source, capacity: 4096), try AudioFile.read(path: overstated).samples)
        assertBadData(try source.restart(), line: 0, column: 0, message: "changed while it was read")
    }

    /// A CSV table is handed over whole, once, as laid out; read as blocks it gives the channels.
    func testCSVTableIsHandedOverOrReadAsBlocks() throws {
        let path = Fixtures.write("time,a,b\n0,1,2\n0.5,3,4\n1,5,6\n", named: "t.csv", in: directory)
        let source = try SignalReader.open(path: path)
        XCTAssertFalse(source.isStreaming)
        XCTAssertEqual(source.layout, SignalLayout(channelCount: 2, frameCount: 3, sampleRate: 2, channelNames: ["a", "b"]))
        XCTAssertEqual(source.info, try SignalReader.read(path: path).1)
        XCTAssertEqual(try readAll(source, capacity: 2), [1, 3, 5, 2, 4, 6])
        XCTAssertNil(source.takeInterleaved(), "reading has begun")
        let fresh = try SignalReader.open(path: path)
        XCTAssertEqual(fresh.takeInterleaved(), Matrix(rows: 3, cols: 2, data: [1, 2, 3, 4, 5, 6]))
        XCTAssertNil(fresh.takeInterleaved(), "handed over once")
    }

    /// Every block of `source`, channel-major over the whole recording (like `Signal.samples`).
    private func readAll(_ source: RecordingSource, capacity: Int) throws -> [Float] {
        let m = source.layout.channelCount
        var channels = [[Float]](repeating: [], count: m)
        var block = [Float](repeating: 0, count: m * capacity)
        while true {
            let n = try block.withUnsafeMutableBufferPointer { try source.readBlock(into: $0.baseAddress!, capacity: capacity) }
            if n == 0 { break }
            for c in 0..<m { channels[c] += block[(c * capacity)..<(c * capacity + n)] }
        }
        return channels.flatMap { $0 }
    }
}
