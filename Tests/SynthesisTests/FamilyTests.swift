import Foundation
import NicaCore
import Synthesis
import XCTest

/// The family list and its link to the spec types.
final class FamilyTests: XCTestCase {
    func testFamilyNamesAndSpecs() throws {
        XCTAssertEqual(GenerationFamily.allCases.map(\.rawValue), ["linear", "nonlinear", "spectral", "square", "ivae"])
        for family in GenerationFamily.allCases {
            XCTAssertEqual(type(of: family.defaultSpec).family, family)
            XCTAssertEqual(GenerationFamily(rawValue: family.rawValue), family)
        }
        XCTAssertFalse(GenerationFamily.spectral.isPerSample)
        XCTAssertTrue(GenerationFamily.square.isPerSample)
    }

    func testActivations() {
        XCTAssertEqual(MixingActivation.leakyReLU.apply(2), 2)
        XCTAssertEqual(MixingActivation.leakyReLU.apply(-2), -0.4, accuracy: 1e-12)
        XCTAssertEqual(MixingActivation.tanhLinear.apply(0), 0)
        XCTAssertEqual(MixingActivation.tanhLinear.apply(3), tanh(3) + 0.3, accuracy: 1e-12)
    }
}
