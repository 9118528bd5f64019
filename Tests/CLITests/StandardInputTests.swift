import XCTest
import Foundation
import TestSupport

/// The input `-`: a recording piped in, as CSV or audio, with errors naming `-`.
final class StandardInputTests: XCTestCase {
    private func data(_ path: String) throws -> Data {
        try Data(contentsOf: CommandRunner.packageRoot.appendingPathComponent(path))
    }

    func testAnalyzeReadsCSVFromStandardInput() throws {
        let piped = try CommandRunner.nica(["analyze", "-", "--epochs", "3", "--hidden", "8,8", "--json"],
                                           stdin: try data("data/nonlinear-3src.csv"))
        let named = try CommandRunner.nica(["analyze", "data/nonlinear-3src.csv", "--epochs", "3", "--hidden", "8,8", "--json"])
        XCTAssertEqual(piped.status, 0, piped.stderr)
        let a = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) as? [String: Any])
        let b = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(named.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(a["kl_per_dim"] as? [Double], b["kl_per_dim"] as? [Double], "the same data gives the same analysis")
        XCTAssertEqual((a["input"] as? [String: Any])?["path"] as? String, "-")
    }

    func testAudioIsDetectedOrNamedWithFormat() throws {
        let wav = try data("data/spectral-3src.wav")
        for extra in [[], ["--format", "wav"]] {
            let result = try CommandRunner.nica(["info", "-", "--json"] + extra, stdin: wav)
            XCTAssertEqual(result.status, 0, result.stderr)
            let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            XCTAssertEqual(object["frames"] as? Int, 480_000)
            XCTAssertEqual(object["path"] as? String, "-")
        }
    }

    func testErrorsNameStandardInput() throws {
        let bad = try CommandRunner.nica(["info", "-"], stdin: Data("a,b\n1,2\n3,x\n".utf8))
        XCTAssertEqual(bad.status, 65)
        XCTAssertEqual(bad.stderr, "nica: -:3:2: expected a number, found \"x\"\n")
        let empty = try CommandRunner.nica(["info", "-"], stdin: Data())
        XCTAssertEqual(empty.status, 65)
        XCTAssertEqual(empty.stderr, "nica: -: standard input is empty\n")
        let wrongFormat = try CommandRunner.nica(["info", "-", "--format", "flac"], stdin: Data("1\n".utf8))
        XCTAssertEqual(wrongFormat.status, 64)
    }
}
