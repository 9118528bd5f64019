import XCTest
import Linalg

/// Which OpenBLAS kernel nica asks for when the library's own detection falls back.
final class BLASKernelChoiceTests: XCTestCase {
    func testFallbackKernelIsReplacedByTheBestTheCPURuns() {
        XCTAssertEqual(BLASRuntime.preferredCoreType(selected: "Prescott", features: [.avx2FMA, .avx512, .avx512BF16]),
                       "Cooperlake")
        XCTAssertEqual(BLASRuntime.preferredCoreType(selected: "Prescott", features: [.avx2FMA, .avx512]), "SkylakeX")
        XCTAssertEqual(BLASRuntime.preferredCoreType(selected: "Nehalem", features: [.avx2FMA]), "Haswell")
        // BF16 without the AVX-512 base set (the OS not saving zmm state) must not pick an AVX-512 kernel.
        XCTAssertEqual(BLASRuntime.preferredCoreType(selected: "Prescott", features: [.avx2FMA, .avx512BF16]), "Haswell")
    }

    func testOwnChoiceStandsWhenItIsAModernKernelOrTheCPUHasNoAVX2() {
        for core in ["Haswell", "SkylakeX", "Cooperlake", "Zen", "SapphireRapids"] {
            XCTAssertNil(BLASRuntime.preferredCoreType(selected: core, features: [.avx2FMA, .avx512, .avx512BF16]), core)
        }
        XCTAssertNil(BLASRuntime.preferredCoreType(selected: "Prescott", features: []))
    }
}
