import Foundation
import NicaCore
import Synthesis
import XCTest

/// The realised per-channel SNR: the same seed with and without noise differs by exactly
/// the noise, whose power must sit at the requested level below each channel's signal power.
final class NoiseTests: XCTestCase {
    private func assertSNR(noisy: GeneratedRecording, clean: GeneratedRecording, requested: Double,
                           file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(noisy.signal.channelCount, clean.signal.channelCount, file: file, line: line)
        for c in 0..<noisy.signal.channelCount {
            // Undo each recording's output gain (1 except for the peak-normalised spectral family).
            let x = Stats.channel(noisy.signal, c).map { $0 / noisy.truth.outputGain }
            let s = Stats.channel(clean.signal, c).map { $0 / clean.truth.outputGain }
            let noise = zip(x, s).map { $0 - $1 }
            let measured = 10 * log10(Stats.variance(s) / Stats.meanSquare(noise))
            XCTAssertEqual(measured, requested, accuracy: 0.5, "channel \(c)", file: file, line: line)
        }
    }

    func testLinearSNR() throws {
        let noisy = try LinearSpec(k: 3, m: 5, frames: 4000, segmentLength: 200, snrDB: 10, seed: 4).generate()
        let clean = try LinearSpec(k: 3, m: 5, frames: 4000, segmentLength: 200, snrDB: nil, seed: 4).generate()
        assertSNR(noisy: noisy, clean: clean, requested: 10)
        XCTAssertEqual(noisy.truth.snrDB, 10)
        XCTAssertNil(clean.truth.snrDB)
    }

    func testNonlinearSNR() throws {
        let noisy = try NonlinearSpec(k: 2, m: 4, frames: 4000, segmentLength: 200, snrDB: 25, seed: 5).generate()
        let clean = try NonlinearSpec(k: 2, m: 4, frames: 4000, segmentLength: 200, snrDB: nil, seed: 5).generate()
        assertSNR(noisy: noisy, clean: clean, requested: 25)
    }

    func testSpectralSNR() throws {
        let noisy = try SpectralSpec(k: 3, m: 2, sampleRate: 2000, duration: 2, snrDB: 15, seed: 6).generate()
        let clean = try SpectralSpec(k: 3, m: 2, sampleRate: 2000, duration: 2, snrDB: nil, seed: 6).generate()
        assertSNR(noisy: noisy, clean: clean, requested: 15)
    }
}
