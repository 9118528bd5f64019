import XCTest
import NicaCore
import SignalIO
@testable import Report

/// `nica info`'s numbers on a signal with known statistics.
final class InputSummaryTests: XCTestCase {
    func testStatisticsOfKnownChannels() {
        let signal = Signal(samples: [3, -4, 3, -4, 1, 1, 1, 1], channelCount: 2, frameCount: 4, sampleRate: 2,
                            channelNames: ["a", "b"])
        let source = SignalSourceInfo(path: "x.csv", kind: .csv, format: "CSV", rateSource: .option, sampleRate: 2,
                                      availableChannels: ["a", "b"], selectedChannels: ["a", "b"], frameCount: 4)
        let summary = InputSummary(signal: signal, source: source, versions: ["nica": "1"])
        XCTAssertEqual(summary.channelStatistics[0], .init(name: "a", min: -4, max: 3, mean: -0.5, rms: 3.5355339059327378))
        XCTAssertEqual(summary.channelStatistics[1], .init(name: "b", min: 1, max: 1, mean: 1, rms: 1))
        XCTAssertEqual(summary.durationSeconds, 2)
        let text = summary.text()
        XCTAssertTrue(text.contains("sample rate: 2 Hz (option)"), text)
        XCTAssertTrue(text.contains("\na                 -4            3         -0.5      3.53553\n"), text)
        XCTAssertTrue(text.hasSuffix("versions:\n  nica: 1\n"))
    }
}
