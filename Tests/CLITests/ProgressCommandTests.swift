import XCTest
import Foundation
import TestSupport

/// Progress on stderr: JSON events for wrappers, log lines with --verbose, nothing by default in pipes.
final class ProgressCommandTests: XCTestCase {
    private let input = ["analyze", "data/nonlinear-3src.csv", "--epochs", "3", "--hidden", "8,8", "--restarts", "2"]

    func testProgressJSONIsOneEventPerLine() throws {
        let result = try CommandRunner.nica(input + ["--progress", "json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let events = try result.stderr.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], String($0))
        }
        // Warnings about the result, if any, are events too, just before the last.
        let kinds = events.map { $0["event"] as? String }
        XCTAssertEqual(kinds.filter { $0 != "warning" },
                       ["stage", "stage"] + Array(repeating: "epoch", count: 6) + ["stage", "done"])
        XCTAssertEqual(Array(kinds.drop { $0 != "warning" }.dropLast()).filter { $0 != "warning" }, [], "\(kinds)")
        for warning in events where warning["event"] as? String == "warning" {
            XCTAssertNotNil(warning["message"] as? String)
        }
        XCTAssertEqual(events.compactMap { $0["epoch"] as? Int }, [1, 2, 3, 1, 2, 3])
        XCTAssertEqual(events.compactMap { $0["restart"] as? Int }, [1, 1, 1, 2, 2, 2])
        let sources = try XCTUnwrap(events.last?["sources"] as? Int)
        XCTAssertTrue(result.stdout.contains("Estimated number of sources: \(sources) "), result.stdout)
    }

    func testVerboseLogsEveryEpochAndQuietExcludesIt() throws {
        let verbose = try CommandRunner.nica(input + ["--verbose"])
        XCTAssertEqual(verbose.status, 0, verbose.stderr)
        let lines = verbose.stderr.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.hasPrefix("restart 1/2  epoch ") }.count, 3)
        XCTAssertEqual(lines.filter { $0.hasPrefix("restart 2/2  epoch ") }.count, 3)
        XCTAssertEqual(lines.first, "features")
        let both = try CommandRunner.nica(input + ["--verbose", "--quiet"])
        XCTAssertEqual(both.status, 64)
        XCTAssertTrue(both.stderr.contains("--quiet and --verbose exclude each other"), both.stderr)
        // --quiet silences progress; warnings about the result still show.
        let quiet = try CommandRunner.nica(input + ["--progress", "json", "--quiet"])
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertTrue(quiet.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("nica: warning: ") }, quiet.stderr)
    }
}
