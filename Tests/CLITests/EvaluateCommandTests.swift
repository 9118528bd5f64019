import XCTest
import Foundation
import TestSupport

/// `nica evaluate` end to end on two tiny generated cases: the family table, the grouping by
/// the weakest source direction and the per-case rows carry the truth through.
final class EvaluateCommandTests: XCTestCase {
    func testEvaluatePrintsFamiliesWeakestDirectionsAndCases() throws {
        let dir = TestSupport.makeTemporaryDirectory("nica-evaluate")
        for (family, k, seed) in [("linear", 1, "3"), ("square", 2, "4")] {
            let made = try CommandRunner.nica(["generate", family, "--k", "\(k)", "--m", "\(family == "linear" ? 3 : k)",
                                               "--frames", "600", "--layers", "1", "--seed", seed,
                                               "--out", "\(dir)/\(family).csv"])
            XCTAssertEqual(made.status, 0, made.stderr)
        }
        func weakest(_ family: String) throws -> Double {
            let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(family).truth.json")))
            return try XCTUnwrap((truth as? [String: Any])?["weakestDirectionSNRDB"] as? Double)
        }
        let quick = ["--epochs", "10", "--kl-warmup", "0", "--restarts", "1", "--hidden", "8,8"]

        let text = try CommandRunner.nica(["evaluate", dir, "--cases"] + quick)
        XCTAssertEqual(text.status, 0, text.stderr)
        let lines = text.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| linear | 1 | 1 | ") }, text.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| square | 1 | 1 | ") }, text.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| all | 2 | 2 | ") }, text.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("| weakest direction | cases | runs |") }, text.stdout)
        for family in ["linear", "square"] {
            let row = try XCTUnwrap(lines.first { $0.hasPrefix("| \(family) | ") && $0.contains(" | 30.0 | ") }, text.stdout)
            XCTAssertTrue(row.contains(String(format: " | 30.0 | %.1f | ", try weakest(family))), row)
        }

        // Two restarts here: each outcome lists both counts, the reported one among them.
        let json = try CommandRunner.nica(["evaluate", dir, "--json", "--epochs", "10", "--kl-warmup", "0",
                                           "--restarts", "2", "--hidden", "8,8"])
        XCTAssertEqual(json.status, 0, json.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let groups = try XCTUnwrap(report["detectability"] as? [[String: Any]])
        XCTAssertEqual(groups.compactMap { $0["runs"] as? Int }.reduce(0, +), 2)
        let outcomes = try XCTUnwrap(report["outcomes"] as? [[String: Any]])
        XCTAssertEqual(outcomes.count, 2)
        for outcome in outcomes {
            let family = try XCTUnwrap(outcome["family"] as? String)
            XCTAssertEqual(try XCTUnwrap(outcome["weakestDirectionSNRDB"] as? Double), try weakest(family), accuracy: 1e-9)
            let restartCounts = try XCTUnwrap(outcome["restartCounts"] as? [Int])
            XCTAssertEqual(restartCounts.count, 2)
            XCTAssertTrue(restartCounts.contains(try XCTUnwrap(outcome["sources"] as? Int)), "\(outcome)")
            if Set(restartCounts).count > 1 {
                XCTAssertEqual(outcome["ambiguous"] as? Bool, true, "restarts that disagree make the count ambiguous")
            }
            XCTAssertNil(outcome["firstRoundCounts"], "fixed epochs never train a second round")
            // Per-sample cases report the informative latents' dependence when there are two or
            // more; above the threshold a latent is dropped, which makes the count ambiguous, and
            // a single source left of several informative latents means one was dropped.
            let sources = try XCTUnwrap(outcome["sources"] as? Int)
            let dependence = outcome["latentDependence"] as? Double
            if sources < 2, let dependence { XCTAssertGreaterThan(dependence, 0.33, "\(outcome)") }
            if let dependence, dependence > 0.33 { XCTAssertEqual(outcome["ambiguous"] as? Bool, true) }
        }
    }
}
