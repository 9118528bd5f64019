import XCTest
import Features
import NicaCore

/// The streamed feature matrix (`FeatureAccumulator` fed block by block) against the
/// whole-signal extraction: bit for bit, for every kind and for block sizes that do not
/// divide the window or the hop, including blocks of one frame and a last partial block.
final class FeatureAccumulatorTests: XCTestCase {
    private static let configs: [FeatureConfig] = [
        FeatureConfig(window: 1, hop: 1, kind: .raw),
        FeatureConfig(window: 1, hop: 3, kind: .raw),
        FeatureConfig(window: 5, hop: 2, kind: .raw),
        FeatureConfig(window: 4, hop: 7, kind: .raw),               // hop > window: frames skipped
        FeatureConfig(window: 64, hop: 20, kind: .magnitude),
        FeatureConfig(window: 64, hop: 32, kind: .magnitude, poolBins: 3),
        FeatureConfig(window: 256, hop: 128, kind: .logpower, poolBins: 4),
        FeatureConfig(window: 48, hop: 100, kind: .logpower),        // gaps between windows
        FeatureConfig(window: 16, hop: 5, kind: .logpower, poolBins: 2),
    ]

    /// Feeds `signal` to an accumulator in consecutive blocks of the given sizes (cycled),
    /// each block copied into its own buffer with a channel stride larger than the block.
    private func streamed(_ signal: Signal, config: FeatureConfig, blockSizes: [Int]) throws -> Matrix {
        let accumulator = try FeatureAccumulator(config: config, channelCount: signal.channelCount,
                                                 frameCount: signal.frameCount)
        var position = 0, turn = 0
        while position < signal.frameCount {
            let n = min(blockSizes[turn % blockSizes.count], signal.frameCount - position)
            turn += 1
            let stride = n + 3
            var block = [Float](repeating: .nan, count: signal.channelCount * stride)
            for c in 0..<signal.channelCount {
                for t in 0..<n { block[c * stride + t] = signal.samples[c * signal.frameCount + position + t] }
            }
            block.withUnsafeBufferPointer { accumulator.append($0.baseAddress!, frames: n, channelStride: stride) }
            position += n
        }
        XCTAssertEqual(accumulator.framesAppended, signal.frameCount)
        return accumulator.finish()
    }

    /// Fails at the first element whose bits differ (printing whole matrices would bury it).
    private func assertBitIdentical(_ a: Matrix, _ b: Matrix, _ message: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.rows, b.rows, message, file: file, line: line)
        XCTAssertEqual(a.cols, b.cols, message, file: file, line: line)
        guard a.data.count == b.data.count else { return }
        if let i = a.data.indices.first(where: { a.data[$0].bitPattern != b.data[$0].bitPattern }) {
            XCTFail("\(message): element \(i) (row \(i / max(a.cols, 1))) is \(a.data[i]), expected \(b.data[i])",
                    file: file, line: line)
        }
    }

    func testStreamedMatchesWholeSignalBitForBit() throws {
        let blockSchedules: [[Int]] = [[1], [2], [7], [100], [127, 129], [1000], [4096], [3, 250, 1, 61, 999]]
        for channels in [1, 3] {
            let signal = randomSignal(channels: channels, frames: 3001, seed: UInt64(40 + channels))
            for config in Self.configs {
                let whole = try FeatureExtractor.extract(signal: signal, config: config)
                XCTAssertGreaterThan(whole.rows, 0)
                for blocks in blockSchedules {
                    let stream = try streamed(signal, config: config, blockSizes: blocks)
                    assertBitIdentical(stream, whole, "\(config) in \(channels) channels, blocks \(blocks)")
                }
            }
        }
    }

    /// More transforms than one FFT batch, so batches fill in the middle of a block and in
    /// the middle of a window's channels; the last batch is partial.
    func testSeveralBatchesAcrossBlocks() throws {
        let signal = randomSignal(channels: 5, frames: 20_011, seed: 7)
        let config = FeatureConfig(window: 128, hop: 50, kind: .logpower)
        let whole = try FeatureExtractor.extract(signal: signal, config: config)
        XCTAssertGreaterThan(whole.rows * 5, 3 * 256)
        let stream = try streamed(signal, config: config, blockSizes: [333, 17, 4000])
        assertBitIdentical(stream, whole, "blocks of 333, 17 and 4000 frames")
    }

    /// The log floor taken from the streamed frames is the one of the whole recording: a
    /// quiet recording with near-empty bins, where ε decides the features.
    func testLogFloorFromStreamedFrames() throws {
        var signal = randomSignal(channels: 2, frames: 2000, seed: 9)
        for i in signal.samples.indices where (i / 50) % 2 == 0 { signal.samples[i] = 0 }
        let config = FeatureConfig(window: 32, hop: 16, kind: .logpower)
        let whole = try FeatureExtractor.extract(signal: signal, config: config)
        let stream = try streamed(signal, config: config, blockSizes: [13])
        assertBitIdentical(stream, whole, "blocks of 13 frames")
        let eps = FeatureExtractor.logPowerFloor(signal: signal, window: 32)
        XCTAssertEqual(whole.data.min()!, FastLog.log(eps), "a silent window is at the floor")
    }

    func testRejectsAConfigurationThatDoesNotFit() {
        XCTAssertThrowsError(try FeatureAccumulator(config: FeatureConfig(window: 64, hop: 8, kind: .logpower),
                                                    channelCount: 2, frameCount: 63)) { error in
            guard case NicaError.invalidArgument(let argument, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(argument, "--window")
        }
    }
}
