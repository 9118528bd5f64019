import Testing
import NicaCore

@Suite("NicaCore: a signal read in blocks")
struct SignalBlockReaderTests {
    /// Blocks of 4 frames from 10: two full blocks, a partial one of 2 frames, then 0; each
    /// channel at `c · capacity` of the block, the rest of the block untouched.
    @Test func blocksAreChannelMajorWithTheCapacityAsStride() throws {
        let signal = Signal(samples: (0..<30).map(Float.init), channelCount: 3, frameCount: 10, sampleRate: 5)
        let reader = SignalBlockReader(signal)
        #expect(reader.layout == SignalLayout(channelCount: 3, frameCount: 10, sampleRate: 5))
        var block = [Float](repeating: -1, count: 3 * 4)
        var seen: [[Float]] = [[], [], []]
        var sizes: [Int] = []
        while true {
            block = [Float](repeating: -1, count: 3 * 4)
            let n = try block.withUnsafeMutableBufferPointer { try reader.readBlock(into: $0.baseAddress!, capacity: 4) }
            sizes.append(n)
            if n == 0 { break }
            for c in 0..<3 {
                seen[c] += block[(c * 4)..<(c * 4 + n)]
                #expect(block[(c * 4 + n)..<(c * 4 + 4)].allSatisfy { $0 == -1 })
            }
        }
        #expect(sizes == [4, 4, 2, 0])
        for c in 0..<3 { #expect(seen[c] == Array(signal.channel(c))) }
        try reader.restart()
        #expect(reader.position == 0)
        #expect(reader.takeInterleaved() == nil)
    }

    @Test func layoutDuration() {
        #expect(SignalLayout(channelCount: 2, frameCount: 300, sampleRate: 100).duration == 3)
        #expect(SignalLayout(channelCount: 2, frameCount: 300, sampleRate: 0).duration == 0)
        #expect(SignalLayout(channelCount: 2, frameCount: 1, sampleRate: 1).channelNames == ["ch0", "ch1"])
    }
}
