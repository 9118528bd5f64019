import NicaCore
import Synthesis
import XCTest

final class ValidationTests: XCTestCase {
    func testSourceCountMustBePositive() {
        assertInvalidArgument("--k") { _ = try LinearSpec(k: 0, m: 3).generate() }
        assertInvalidArgument("--k") { _ = try NonlinearSpec(k: 0, m: 3).generate() }
        assertInvalidArgument("--k") { _ = try SpectralSpec(k: 0, m: 1, duration: 0.1).generate() }
        assertInvalidArgument("--k") { _ = try SquareSpec(k: 0).generate() }
    }

    func testChannelCountMustBePositive() {
        assertInvalidArgument("--m") { _ = try LinearSpec(k: 1, m: 0).generate() }
        assertInvalidArgument("--m") { _ = try NonlinearSpec(k: 1, m: 0).generate() }
        assertInvalidArgument("--m") { _ = try SpectralSpec(k: 2, m: 0, duration: 0.1).generate() }
    }

    func testPerSampleFamiliesNeedAtLeastKChannels() throws {
        assertInvalidArgument("--m") { _ = try LinearSpec(k: 4, m: 3).generate() }
        assertInvalidArgument("--m") { _ = try NonlinearSpec(k: 4, m: 3).generate() }
        // The spectral family identifies envelopes, not samples: fewer channels are allowed.
        XCTAssertNoThrow(try SpectralSpec(k: 4, m: 1, sampleRate: 1000, duration: 0.5).generate())
    }

    func testOtherParameters() {
        assertInvalidArgument("--layers") { _ = try NonlinearSpec(k: 2, m: 3, frames: 100, layers: 0).generate() }
        assertInvalidArgument("--segment-length") {
            _ = try LinearSpec(k: 2, m: 3, frames: 100, segmentLength: 0).generate()
        }
        assertInvalidArgument("--frames") { _ = try LinearSpec(k: 2, m: 3, frames: 1, segmentLength: 1).generate() }
        assertInvalidArgument("--max-condition") {
            _ = try LinearSpec(k: 2, m: 3, frames: 100, segmentLength: 10, maxCondition: 1).generate()
        }
        assertInvalidArgument("--snr") { _ = try LinearSpec(k: 2, m: 3, frames: 100, segmentLength: 10, snrDB: .nan).generate() }
        assertInvalidArgument("--rate") { _ = try SpectralSpec(k: 2, m: 1, sampleRate: 0).generate() }
        assertInvalidArgument("--seconds") { _ = try SpectralSpec(k: 2, m: 1, duration: 0).generate() }
        assertInvalidArgument("--source-kinds") {
            _ = try SpectralSpec(k: 2, m: 1, duration: 0.1, sourceKinds: [.oscillation]).generate()
        }
        assertInvalidArgument("--drive") { _ = try SpectralSpec(k: 2, m: 1, duration: 0.1, drive: 0).generate() }
        assertInvalidArgument("--band") { _ = try SpectralSpec(k: 2, m: 1, duration: 0.1, band: 0.1...0.6).generate() }
    }
}
