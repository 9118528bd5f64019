import XCTest
import NicaCore
import Report
import SignalIO

/// The input figures gathered while a recording streams past equal those of the whole
/// recording: envelopes for `latents.svg`, statistics for `nica info`.
final class InputTapTests: XCTestCase {
    private func signal(channels: Int, frames: Int) -> Signal {
        var rng = SeededRNG(seed: 12)
        return Signal(samples: (0..<(channels * frames)).map { _ in rng.normal() }, channelCount: channels,
                      frameCount: frames, sampleRate: 250, channelNames: (0..<channels).map { "c\($0)" })
    }

    /// Drains `tap` in blocks of `capacity` frames.
    private func drain(_ tap: InputTap, capacity: Int) throws {
        var block = [Float](repeating: 0, count: tap.layout.channelCount * capacity)
        while try block.withUnsafeMutableBufferPointer({ try tap.readBlock(into: $0.baseAddress!, capacity: capacity) }) > 0 {}
    }

    func testEnvelopesAndStatisticsMatchTheWholeSignal() throws {
        for frames in [50, 799, 800, 10_007] {       // fewer frames than buckets, and bucket edges
            let whole = signal(channels: 3, frames: frames)
            let source = SignalInfoFixture.source(for: whole)
            for capacity in [1, 13, 4096] {
                let tap = InputTap(SignalBlockReader(whole), overview: true, statistics: true)
                try drain(tap, capacity: capacity)
                XCTAssertEqual(tap.overview, SignalOverview(signal: whole), "\(frames) frames, blocks of \(capacity)")
                XCTAssertEqual(tap.channelStatistics,
                               InputSummary(signal: whole, source: source, versions: [:]).channelStatistics)
            }
        }
    }

    /// A table handed over whole is observed as it passes.
    func testTableHandedOverIsObserved() throws {
        let whole = signal(channels: 2, frames: 3000)
        let table = Matrix(rows: 3000, cols: 2, data: whole.interleaved())
        let tap = InputTap(TableSource(table: table, layout: whole.layout), overview: true, statistics: true)
        XCTAssertEqual(tap.takeInterleaved(), table)
        XCTAssertEqual(tap.overview, SignalOverview(signal: whole))
        XCTAssertEqual(tap.channelStatistics.map(\.rms),
                       InputSummary(signal: whole, source: SignalInfoFixture.source(for: whole), versions: [:])
                        .channelStatistics.map(\.rms))
    }

    /// After a restart the figures start over, with the source's new layout.
    func testRestartStartsOver() throws {
        let whole = signal(channels: 1, frames: 900)
        let tap = InputTap(SignalBlockReader(whole), buckets: 100)
        try drain(tap, capacity: 64)
        try tap.restart()
        try tap.drain()
        XCTAssertEqual(tap.overview, SignalOverview(signal: whole, buckets: 100))
        XCTAssertEqual(tap.channelStatistics, [], "not asked for")
    }
}

/// A source that holds its frames as a table, like a parsed CSV.
private final class TableSource: SignalBlockSource {
    var table: Matrix?
    let layout: SignalLayout
    init(table: Matrix, layout: SignalLayout) { self.table = table; self.layout = layout }
    func readBlock(into block: UnsafeMutablePointer<Float>, capacity: Int) throws -> Int { 0 }
    func restart() throws {}
    func takeInterleaved() -> Matrix? { defer { table = nil }; return table }
}

enum SignalInfoFixture {
    static func source(for signal: Signal) -> SignalSourceInfo {
        SignalSourceInfo(path: "x.wav", kind: .audio, format: "WAV", rateSource: .fileHeader, sampleRate: signal.sampleRate,
                         availableChannels: signal.channelNames, selectedChannels: signal.channelNames,
                         frameCount: signal.frameCount)
    }
}
