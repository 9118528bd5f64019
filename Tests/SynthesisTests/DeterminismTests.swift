import NicaCore
import Synthesis
import TestSupport
import XCTest

final class DeterminismTests: XCTestCase {
    /// Short, quick specs of every family.
    static func specs(seed: UInt64) -> [any RecordingSpec] {
        [
            LinearSpec(k: 3, m: 5, frames: 1000, segmentLength: 100, seed: seed),
            NonlinearSpec(k: 3, m: 5, frames: 1000, segmentLength: 100, layers: 3,
                          activation: .tanhLinear, seed: seed),
            SpectralSpec(k: 3, m: 2, sampleRate: 1000, duration: 1, mixing: .saturating, seed: seed),
            SquareSpec(k: 3, frames: 1000, segmentLength: 100, seed: seed),
        ]
    }

    func testSameSpecGivesIdenticalRecording() throws {
        for spec in Self.specs(seed: 7) {
            let a = try spec.generate(), b = try spec.generate()
            XCTAssertEqual(a, b, "\(type(of: spec).family)")
            XCTAssertEqual(a.signal.samples, b.signal.samples, "\(type(of: spec).family)")
        }
    }

    func testDifferentSeedDiffers() throws {
        for (spec, other) in zip(Self.specs(seed: 7), Self.specs(seed: 8)) {
            let a = try spec.generate(), b = try other.generate()
            XCTAssertNotEqual(a.signal.samples, b.signal.samples, "\(type(of: spec).family)")
            XCTAssertNotEqual(a.sources, b.sources, "\(type(of: spec).family)")
            XCTAssertNotEqual(a.truth, b.truth, "\(type(of: spec).family)")
        }
    }

    /// The random streams are forked per purpose: turning the noise off, or changing the
    /// mixing, must leave the sources untouched.
    func testStreamsAreIndependentPerPurpose() throws {
        let noisy = try LinearSpec(k: 3, m: 5, frames: 1000, segmentLength: 100, snrDB: 10).generate()
        let clean = try LinearSpec(k: 3, m: 5, frames: 1000, segmentLength: 100, snrDB: nil).generate()
        XCTAssertEqual(noisy.sources, clean.sources)
        XCTAssertEqual(noisy.truth.mixing, clean.truth.mixing)
        XCTAssertNotEqual(noisy.signal.samples, clean.signal.samples)

        let linear = try SpectralSpec(k: 3, m: 2, sampleRate: 1000, duration: 1, mixing: .linear).generate()
        let saturating = try SpectralSpec(k: 3, m: 2, sampleRate: 1000, duration: 1, mixing: .saturating).generate()
        XCTAssertEqual(linear.sources, saturating.sources)
        XCTAssertEqual(linear.envelopes, saturating.envelopes)
        XCTAssertEqual(linear.truth.bandCentresHz, saturating.truth.bandCentresHz)
    }
}
