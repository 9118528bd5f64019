import XCTest
import Features
import NicaCore
import TestSupport

final class FramingTests: XCTestCase {
    func testWindowCountStartsAndCentres() {
        let f = Framing(frameCount: 10, window: 4, hop: 3)
        XCTAssertEqual(f.windowCount, 3)                       // 1 + (10 − 4) / 3
        XCTAssertEqual((0..<3).map { f.start(ofWindow: $0) }, [0, 3, 6])
        XCTAssertEqual(f.centreTimes(sampleRate: 2), [0.75, 2.25, 3.75])   // (3i + 1.5) / 2
        XCTAssertEqual(Framing(frameCount: 12, window: 4, hop: 3).windowCount, 3)  // tail of 2 dropped
        XCTAssertEqual(Framing(frameCount: 13, window: 4, hop: 3).windowCount, 4)
        XCTAssertEqual(Framing(frameCount: 3, window: 4, hop: 1).windowCount, 0)
        XCTAssertEqual(Framing(frameCount: 4, window: 4, hop: 100).windowCount, 1)
        let single = Framing(frameCount: 5, window: 1, hop: 1)
        XCTAssertEqual(single.windowCount, 5)
        XCTAssertEqual(single.centreTimes(sampleRate: 4), [0, 0.25, 0.5, 0.75, 1.0])  // t / rate
    }

    func testRawSingleSampleIsTheObservationVector() throws {
        let signal = randomSignal(channels: 3, frames: 7, seed: 1)
        let x = try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: 1, hop: 1, kind: .raw))
        XCTAssertEqual(x.rows, 7)
        XCTAssertEqual(x.cols, 3)
        XCTAssertEqual(x.data, signal.interleaved())
        let decimated = try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: 1, hop: 2, kind: .raw))
        XCTAssertEqual(decimated.rows, 4)
        for (i, t) in [0, 2, 4, 6].enumerated() {
            for c in 0..<3 { XCTAssertEqual(decimated[i, c], signal.samples[c * 7 + t]) }
        }
    }

    func testRawWindowLayoutIsChannelAfterChannel() throws {
        let frames = 20, w = 5, hop = 4
        let signal = randomSignal(channels: 2, frames: frames, seed: 2)
        let x = try FeatureExtractor.extract(signal: signal, config: FeatureConfig(window: w, hop: hop, kind: .raw))
        XCTAssertEqual(x.rows, 1 + (frames - w) / hop)
        XCTAssertEqual(x.cols, 2 * w)
        for i in 0..<x.rows {
            for c in 0..<2 {
                for tau in 0..<w {
                    XCTAssertEqual(x[i, c * w + tau], signal.samples[c * frames + i * hop + tau])
                }
            }
        }
    }

    func testHannIsPeriodic() {
        let w = HannWindow.periodic(8)
        let expected: [Float] = [0, 0.14644661, 0.5, 0.8535534, 1, 0.8535534, 0.5, 0.14644661]
        XCTAssertLessThan(TestSupport.maxAbsDifference(w, expected), 1e-7)
        XCTAssertEqual(HannWindow.energy(HannWindow.periodic(64)), 3.0 * 64 / 8, accuracy: 1e-5)
    }
}
