import NicaCore
import SignalIO
import TestSupport
import XCTest

final class AudioFileTests: XCTestCase {
    private var directory = ""
    override func setUp() { directory = TestSupport.makeTemporaryDirectory("nica-audio") }

    func testExperiment() throws {
        let frames = 1000
        let s = Signal(samples: (0..<(2*frames)).map { Float($0) / 4000 }, channelCount: 2, frameCount: frames, sampleRate: 8000)
        for enc in [AudioEncoding.float32, .pcm16] {
        let path = directory + "/x.wav"
        try AudioFile.write(s, to: path, encoding: enc)
        var bytes = Fixtures.bytes(at: path)
        print(enc, bytes.count, Array(bytes.prefix(100)))
        var off = 12
        var dataOff = 0
        while off + 8 <= bytes.count {
            let id = String(decoding: bytes[off..<off+4], as: UTF8.self)
            let size = Int(bytes[off+4]) | Int(bytes[off+5]) << 8 | Int(bytes[off+6]) << 16 | Int(bytes[off+7]) << 24
            print(id, size)
            if id == "data" { dataOff = off; break }
            off += 8 + size + (size & 1)
        }
        func patch(_ o: Int, _ v: UInt32) { for k in 0..<4 { bytes[o+k] = UInt8((v >> (8*UInt32(k))) & 0xFF) } }
        let orig = bytes
        for (riff, data): (UInt32, UInt32) in [(0xFFFFFFFF, 0xFFFFFFFF), (0, 0), (36, 0), (0xFFFFFFFF, 0), (UInt32(bytes.count - 8), 400), (100, 400), (UInt32(bytes.count-8), 0x7FFFF000)] {
            bytes = orig
            patch(4, riff); patch(dataOff + 4, data)
            let p = Fixtures.write(bytes, named: "p.wav", in: directory)
            do { let r = try AudioFile.read(path: p); print(riff, data, "frames", r.frameCount) } catch { print(riff, data, error) }
        }
        }
    }
}
