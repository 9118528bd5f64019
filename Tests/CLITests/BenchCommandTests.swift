import Foundation
import TestSupport
import XCTest

/// `nica bench` as a user runs it: figures on stdout, one JSON object with --json, clear errors.
final class BenchCommandTests: XCTestCase {
    func testJSONHoldsTheModelFiguresOfTheChosenConfiguration() throws {
        let result = try CommandRunner.nica(["bench", "--only", "per-sample", "--steps", "2", "--repeats", "2",
                                             "--warmup", "1", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let models = try XCTUnwrap(report["models"] as? [[String: Any]])
        XCTAssertEqual(models.count, 1)
        let config = try XCTUnwrap(models[0]["config"] as? [String: Any])
        XCTAssertEqual(config["name"] as? String, "per-sample")
        XCTAssertEqual(config["batch_size"] as? Int, 512)
        let train = try XCTUnwrap(models[0]["train_samples_per_second"] as? [String: Double])
        XCTAssertGreaterThan(train["median"] ?? 0, 0)
        XCTAssertNotNil((models[0]["ceiling"] as? [String: Any])?["train_gflops"])
        XCTAssertNil(report["features"])
        XCTAssertGreaterThan(report["peak_resident_bytes"] as? Int ?? 0, 1_000_000)
        XCTAssertEqual(report["threads"] as? Int, 1)
    }

    func testTextNamesEveryFigure() throws {
        let result = try CommandRunner.nica(["bench", "--only", "per-sample", "--steps", "1", "--repeats", "1", "--warmup", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        for needle in ["train   samples/s", "encode  samples/s", "sgemm ceiling train", "of the sgemm ceiling", "peak RSS MB"] {
            XCTAssertTrue(result.stdout.contains(needle), "missing \(needle) in:\n\(result.stdout)")
        }
    }

    func testBadOptionsAreUsageErrors() throws {
        let result = try CommandRunner.nica(["bench", "--steps", "0"])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("--steps must be at least 1"), result.stderr)
        let unknown = try CommandRunner.nica(["bench", "--only", "gpu"])
        XCTAssertEqual(unknown.status, 64)
    }

    func testUnwritableScratchDirectoryIsAnIOError() throws {
        let result = try CommandRunner.nica(["bench", "--only", "io", "--repeats", "1", "--scratch", "/nonexistent-nica-dir"])
        XCTAssertEqual(result.status, 74)
        XCTAssertTrue(result.stderr.hasPrefix("nica: /nonexistent-nica-dir/"), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
    }
}
