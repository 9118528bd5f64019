import XCTest
import Foundation
import TestSupport

/// `nica analyze --segments / --method fastica`, `nica score` and `nica generate ivae`,
/// run as a user would run them.
final class IdentifiabilityCommandTests: XCTestCase {
    private func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(object as? [String: Any], "stdout is not one JSON object")
    }

    func testFastICARecoversALinearMixtureThroughTheExports() throws {
        let dir = TestSupport.makeTemporaryDirectory("nica-fastica")
        let generated = try CommandRunner.nica(["generate", "linear", "--k", "3", "--m", "6", "--frames", "6000",
                                                "--seed", "3", "--out", dir + "/lin.csv"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let result = try CommandRunner.nica(["analyze", dir + "/lin.csv", "--method", "fastica", "--json", "--out", dir + "/out"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try json(result.stdout)
        XCTAssertEqual(report["method"] as? String, "fastica")
        XCTAssertEqual(report["sources"] as? Int, 3)
        XCTAssertEqual(report["linear_mdl_estimate"] as? Int, 3)
        XCTAssertEqual(report["active_dims"] as? [Int], [0, 1, 2])
        XCTAssertEqual((report["kl_per_dim"] as? [Double])?.count, 0)
        let csv = try String(contentsOfFile: dir + "/out/latents.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.first, "index,time,z0,z1,z2")
        XCTAssertEqual(csv.count, 1 + 6000)

        let score = try CommandRunner.nica(["score", dir + "/out/latents.csv", dir + "/lin.sources.csv", "--json"])
        XCTAssertEqual(score.status, 0, score.stderr)
        let scored = try json(score.stdout)
        XCTAssertGreaterThan(try XCTUnwrap(scored["mcc"] as? Double), 0.95)
        let matching = try XCTUnwrap(scored["matching"] as? [[String: Any]])
        XCTAssertEqual(matching.compactMap { $0["source"] as? String }, ["s0", "s1", "s2"])
        XCTAssertEqual(Set(matching.compactMap { $0["latent"] as? String }).count, 3)

        let text = try CommandRunner.nica(["analyze", dir + "/lin.csv", "--method", "fastica"])
        XCTAssertTrue(text.stdout.contains("method: FastICA"), text.stdout)
        XCTAssertFalse(text.stdout.contains("KL (nats)"), text.stdout)
    }

    func testSegmentedPriorIsReportedAndExported() throws {
        let dir = TestSupport.makeTemporaryDirectory("nica-segments")
        let generated = try CommandRunner.nica(["generate", "ivae", "--k", "2", "--segments", "4", "--segment-length", "500",
                                                "--out", dir + "/iv.csv"])
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let truth = try json(String(contentsOfFile: dir + "/iv.truth.json", encoding: .utf8))
        XCTAssertEqual(truth["family"] as? String, "ivae")
        XCTAssertEqual(truth["m"] as? Int, 2)
        XCTAssertEqual(truth["frames"] as? Int, 2000)
        XCTAssertEqual(truth["layers"] as? Int, 3)
        XCTAssertNil(truth["snrDB"], "the protocol is noiseless by default")

        let result = try CommandRunner.nica(["analyze", dir + "/iv.csv", "--segments", "4", "--epochs", "20", "--restarts", "1", "--json",
                                             "--out", dir + "/out"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try json(result.stdout)
        XCTAssertEqual(report["method"] as? String, "vae")
        let settings = try XCTUnwrap(report["settings"] as? [String: Any])
        XCTAssertEqual(settings["segments"] as? Int, 4)
        XCTAssertEqual(settings["activation"] as? String, "elu", "the default with segments")
        XCTAssertEqual(settings["kl_weight"] as? Double, 0.8, "the default with segments")
        XCTAssertEqual((report["kl_per_dim"] as? [Double])?.count, 2)
        // The informative latents were unmixed by joint diagonalisation of the segment covariances.
        let unmixing = try XCTUnwrap(report["unmixing"] as? [String: Any])
        XCTAssertEqual(unmixing["dimensions"] as? [Int], (report["active_dims"] as? [Int])?.sorted())
        XCTAssertEqual(unmixing["segments"] as? Int, 4)
        // Then refined by two passes (the default), each reported.
        XCTAssertEqual(settings["refinements"] as? Int, 2)
        let passes = try XCTUnwrap(report["refinement"] as? [[String: Any]])
        XCTAssertTrue((1...2).contains(passes.count), "\(passes)")
        XCTAssertEqual(passes.first?["pass"] as? Int, 1)
        XCTAssertEqual((passes.first?["kl_per_dim"] as? [Double])?.count, (unmixing["dimensions"] as? [Int])?.count)
        let score = try CommandRunner.nica(["score", dir + "/out/latents.csv", dir + "/iv.sources.csv"])
        XCTAssertEqual(score.status, 0, score.stderr)
        XCTAssertTrue(score.stdout.hasPrefix("MCC "), score.stdout)

        // Without --segments the report has no segment setting.
        let plain = try json(CommandRunner.nica(["analyze", dir + "/iv.csv", "--epochs", "2", "--json"]).stdout)
        XCTAssertNil((plain["settings"] as? [String: Any])?["segments"])
        XCTAssertEqual((plain["settings"] as? [String: Any])?["activation"] as? String, "leaky-relu")
        XCTAssertEqual((plain["settings"] as? [String: Any])?["kl_weight"] as? Double, 1)
        XCTAssertNil(plain["unmixing"])
        XCTAssertNil(plain["refinement"])
        XCTAssertNil((plain["settings"] as? [String: Any])?["refinements"])

        let seconds = try CommandRunner.nica(["analyze", dir + "/iv.csv", "--segment-seconds", "5", "--epochs", "2", "--refine", "0",
                                              "--json"])
        XCTAssertEqual(seconds.status, 0, seconds.stderr)
        // 2000 samples at 100 Hz in 5-second segments: 4 segments.
        let secondsReport = try json(seconds.stdout)
        XCTAssertEqual((secondsReport["settings"] as? [String: Any])?["segments"] as? Int, 4)
        XCTAssertEqual((secondsReport["settings"] as? [String: Any])?["refinements"] as? Int, 0)
        XCTAssertNil(secondsReport["refinement"], "no pass asked for, none reported")
    }

    func testBadSegmentOptionsAreUsageErrors() throws {
        for (arguments, needle) in [(["--segments", "0"], "--segments"),
                                    (["--segments", "4", "--segment-seconds", "2"], "either"),
                                    (["--segments", "4", "--method", "fastica"], "--method vae"),
                                    (["--segments", "999999"], "--segments"),
                                    (["--method", "pca"], "--method"),
                                    (["--refine", "1"], "--refine"),
                                    (["--segments", "4", "--refine", "-1"], "--refine")] {
            let result = try CommandRunner.nica(["analyze", "data/nonlinear-3src.csv", "--epochs", "1"] + arguments)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains(needle), "\(arguments): \(result.stderr)")
        }
    }

    func testScoreErrorsNameTheFile() throws {
        let dir = TestSupport.makeTemporaryDirectory("nica-score")
        try "time,z0,z1\n0,1,2\n1,2,1\n2,3,5\n".write(toFile: dir + "/lat.csv", atomically: true, encoding: .utf8)
        try "time,s0\n0,1\n1,2\n".write(toFile: dir + "/short.csv", atomically: true, encoding: .utf8)
        try "time,s0,s1,s2\n0,1,2,3\n1,2,3,1\n2,0,1,1\n".write(toFile: dir + "/wide.csv", atomically: true, encoding: .utf8)
        let short = try CommandRunner.nica(["score", dir + "/lat.csv", dir + "/short.csv"])
        XCTAssertEqual(short.status, 65)
        XCTAssertTrue(short.stderr.contains("short.csv") && short.stderr.contains("equal length"), short.stderr)
        let wide = try CommandRunner.nica(["score", dir + "/lat.csv", dir + "/wide.csv"])
        XCTAssertEqual(wide.status, 65)
        XCTAssertTrue(wide.stderr.contains("2 latent columns for 3 sources"), wide.stderr)
        let missing = try CommandRunner.nica(["score", dir + "/nope.csv", dir + "/wide.csv"])
        XCTAssertEqual(missing.status, 66)
        XCTAssertEqual(missing.stderr.split(separator: "\n").count, 1, missing.stderr)
        // A perfect score on identical traces.
        try "time,s0,s1\n0,1,2\n1,2,1\n2,3,5\n".write(toFile: dir + "/same.csv", atomically: true, encoding: .utf8)
        let same = try CommandRunner.nica(["score", dir + "/lat.csv", dir + "/same.csv", "--json"])
        XCTAssertEqual(try json(same.stdout)["mcc"] as? Double ?? 0, 1, accuracy: 1e-9)
    }
}
