import Foundation
import NicaCore
import Synthesis
import XCTest

/// `truth.json` and saved specs must round-trip through JSON unchanged.
final class TruthCodingTests: XCTestCase {
    func testTruthRoundTripsThroughJSON() throws {
        let recordings = [
            try NonlinearSpec(k: 2, m: 3, frames: 200, segmentLength: 50, layers: 2, seed: 99).generate(),
            try SpectralSpec(k: 2, m: 1, sampleRate: 1000, duration: 0.2, mixing: .saturating,
                             seed: UInt64.max).generate(),
        ]
        for r in recordings {
            let data = try JSONEncoder().encode(r.truth)
            XCTAssertEqual(try JSONDecoder().decode(GenerationTruth.self, from: data), r.truth)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual(object["family"] as? String, r.truth.family.rawValue)
        }
        let spectral = try JSONEncoder().encode(recordings[1].truth)
        let text = String(decoding: spectral, as: UTF8.self)
        XCTAssertTrue(text.contains("\"bandCentresHz\""))
        XCTAssertTrue(text.contains("\"saturating\""))
        XCTAssertFalse(text.contains("segmentLength"), "fields of other families are omitted")
    }

    func testSpecsRoundTripThroughJSON() throws {
        let spectral = SpectralSpec(k: 3, sourceKinds: [.oscillation, .oscillation, .narrowBandNoise])
        XCTAssertEqual(try JSONDecoder().decode(SpectralSpec.self, from: JSONEncoder().encode(spectral)), spectral)
        let nonlinear = NonlinearSpec(layers: 2, activation: .tanhLinear, snrDB: nil)
        XCTAssertEqual(try JSONDecoder().decode(NonlinearSpec.self, from: JSONEncoder().encode(nonlinear)), nonlinear)
    }
}
