import XCTest
import Foundation
import TestSupport
import Linalg

/// `nica info` on the sample recordings.
final class InfoCommandTests: XCTestCase {
    func testInfoDescribesTheSampleWAV() throws {
        let result = try CommandRunner.nica(["info", "data/spectral-3src.wav", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["channels"] as? Int, 2)
        XCTAssertEqual(object["frames"] as? Int, 480_000)
        XCTAssertEqual(object["sample_rate"] as? Double, 8000)
        XCTAssertEqual(object["duration_s"] as? Double, 60)
        let stats = try XCTUnwrap(object["channel_statistics"] as? [[String: Any]])
        XCTAssertEqual(stats.count, 2)
        for channel in stats {
            let rms = try XCTUnwrap(channel["rms"] as? Double), peak = try XCTUnwrap(channel["max"] as? Double)
            XCTAssertGreaterThan(rms, 0)
            XCTAssertLessThanOrEqual(peak, 1, "16-bit PCM reads as full scale 1")
            XCTAssertLessThan(rms, peak)
        }
        let versions = try XCTUnwrap(object["versions"] as? [String: String])
        XCTAssertTrue(versions["libsndfile"]?.hasPrefix("libsndfile-") ?? false)
        XCTAssertTrue(versions["fftw"]?.hasPrefix("fftw-3") ?? false)
        XCTAssertNotNil(versions["openblas_core"])
    }

    func testInfoTextAndMissingFile() throws {
        let text = try CommandRunner.nica(["info", "data/nonlinear-3src.csv", "--channels", "ch1"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix("data/nonlinear-3src.csv: CSV\nchannels:    1\nframes:      20000\n"
                                            + "sample rate: 100 Hz (time-column)\nduration:    200 s\n"), text.stdout)
        let missing = try CommandRunner.nica(["info", "nope.wav"])
        XCTAssertEqual(missing.status, 66)
        XCTAssertEqual(missing.stderr, "nica: nope.wav: no such file\n")
    }
}

/// The executable restarts itself with a better OpenBLAS kernel when the library fell back
/// to a pre-AVX one, and keeps a kernel the user chose.
final class BLASKernelCommandTests: XCTestCase {
    private func reportedCore(_ environment: [String: String] = [:]) throws -> String? {
        let result = try CommandRunner.nica(["info", "data/spectral-3src.wav", "--json"], environment: environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (object["versions"] as? [String: String])?["openblas_core"]
    }

    func testFallbackKernelIsReplaced() throws {
        try XCTSkipIf(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] != nil,
                      "OPENBLAS_CORETYPE is set for the tests, so the executable keeps it")
        // This test process loaded the same OpenBLAS without help: what it would ask for is
        // what the executable must end up running.
        XCTAssertEqual(try reportedCore(), BLASRuntime.betterCoreType ?? BLASRuntime.coreName)
    }

    func testKernelTheUserSetIsKept() throws {
        XCTAssertEqual(try reportedCore(["OPENBLAS_CORETYPE": "Haswell"]), "Haswell")
    }
}
