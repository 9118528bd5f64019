import XCTest
import Foundation
import TestSupport

/// Reproducibility, degenerate but valid signals, numerical trouble and interrupted writes,
/// checked on the built binary.
final class DependabilityTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-dependable")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    private func json(_ path: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: bytes(path)) as? [String: Any], path)
    }

    /// A small nonlinear mixture of 2 sources in 4 channels, made by `nica generate`.
    private func mixture() throws -> String {
        let path = directory + "/mixture.csv"
        let made = try CommandRunner.nica(["generate", "nonlinear", "--k", "2", "--m", "4", "--frames", "1500",
                                           "--seed", "3", "--out", path])
        XCTAssertEqual(made.status, 0, made.stderr)
        return path
    }

    /// No NaN or infinity, spelled in any way, in the files of an output directory.
    private func assertFinite(_ out: String, file: StaticString = #filePath, line: UInt = #line) throws {
        // Non-finite numbers are written as "nan"/"inf" strings in JSON and as nan/inf fields in CSV.
        let report = try String(contentsOfFile: out + "/report.json", encoding: .utf8).lowercased()
        for token in ["\"nan\"", "\"inf\"", "\"-inf\""] {
            XCTAssertFalse(report.contains(token), "\(out)/report.json holds \(token)", file: file, line: line)
        }
        let csv = try String(contentsOfFile: out + "/latents.csv", encoding: .utf8).lowercased()
        let fields = csv.split(whereSeparator: { $0 == "," || $0 == "\n" })
        XCTAssertFalse(fields.contains { $0.contains("nan") || $0.contains("inf") }, "\(out)/latents.csv", file: file, line: line)
        XCTAssertNotNil(try json(out + "/report.json")["sources"] as? Int, file: file, line: line)
    }

    func testSameInputSeedAndThreadsGiveIdenticalReportAndLatents() throws {
        let input = try mixture()
        func run(_ name: String, seed: String) throws -> String {
            let out = directory + "/" + name
            let result = try CommandRunner.nica(["analyze", input, "--epochs", "15", "--seed", seed, "--threads", "1",
                                                 "--out", out] + CommandRunner.quickModel)
            XCTAssertEqual(result.status, 0, result.stderr)
            return out
        }
        let first = try run("first", seed: "11"), second = try run("second", seed: "11"), other = try run("other", seed: "12")
        XCTAssertEqual(try bytes(first + "/report.json"), try bytes(second + "/report.json"))
        XCTAssertEqual(try bytes(first + "/latents.csv"), try bytes(second + "/latents.csv"))
        XCTAssertEqual(try bytes(first + "/latents.wav"), try bytes(second + "/latents.wav"))
        XCTAssertNotEqual(try bytes(first + "/latents.csv"), try bytes(other + "/latents.csv"), "the seed is used")
        XCTAssertEqual(try json(first + "/report.json")["seed"] as? Int, 11)
        XCTAssertNil(try json(first + "/report.json")["timings_s"], "wall-clock times are not in report.json")
        XCTAssertNotNil(try json(first + "/timings.json")["total"] as? Double)
    }

    func testDegenerateSignalsGiveAFiniteAnswer() throws {
        let n = 400
        let wave = (0..<n).map { sin(Double($0) * 0.21) + 0.3 * sin(Double($0) * 0.047) }
        let cases: [(String, String)] = [
            ("constant-channel", "a,b,c\n" + (0..<n).map { "\(wave[$0]),5,\(wave[$0] * wave[$0])" }.joined(separator: "\n")),
            ("silence", "a,b\n" + String(repeating: "0,0\n", count: n)),
            ("single-channel", "a\n" + wave.map { "\($0)" }.joined(separator: "\n")),
        ]
        for (name, text) in cases {
            let path = directory + "/\(name).csv"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let out = directory + "/out-" + name
            let result = try CommandRunner.nica(["analyze", path, "--epochs", "5", "--out", out, "--json"] + CommandRunner.quickModel)
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            XCTAssertFalse(result.stdout.lowercased().contains("nan"), name)
            try assertFinite(out)
        }
        let silent = try json(directory + "/out-silence/report.json")
        XCTAssertEqual(silent["sources"] as? Int, 0, "digital silence holds no source")
        XCTAssertEqual(silent["linear_mdl_estimate"] as? Int, 0)
    }

    func testDivergingTrainingRecoversOrStopsWithAClearError() throws {
        let input = try mixture()
        // An absurd step size: every restart from the last good state diverges again.
        let out = directory + "/diverged"
        let failed = try CommandRunner.nica(["analyze", input, "--learning-rate", "1e30", "--epochs", "3",
                                             "--out", out] + CommandRunner.quickModel)
        XCTAssertEqual(failed.status, 70)
        XCTAssertEqual(failed.stderr,
                       "nica: numerical error: training diverged (non-finite loss at epoch 1) after 4 recoveries; try a smaller --learning-rate\n")
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [], [])

        // A large one: the first epochs blow up, a few halvings later training goes on.
        let recovered = directory + "/recovered"
        let result = try CommandRunner.nica(["analyze", input, "--learning-rate", "300", "--epochs", "3",
                                             "--out", recovered] + CommandRunner.quickModel)
        XCTAssertEqual(result.status, 0, result.stderr)
        let training = try XCTUnwrap(try json(recovered + "/report.json")["training"] as? [String: Any])
        XCTAssertGreaterThanOrEqual(training["recoveries"] as? Int ?? 0, 1)
        XCTAssertEqual(training["epochs"] as? Int, 3)
        try assertFinite(recovered)
    }

    /// Runs nica through `sh` with a file-size limit, so the write of latents.csv is cut off
    /// part-way: `ignoreSignal` false kills the process there (SIGXFSZ), true makes the write
    /// fail with EFBIG instead.
    private func runWithFileSizeLimit(_ arguments: [String], kilobytes: Int, ignoreSignal: Bool) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let trap = ignoreSignal ? "trap '' XFSZ; " : ""
        process.arguments = ["-c", "\(trap)ulimit -f \(kilobytes * 2) && exec \"$0\" \"$@\" 2>\"$NICA_STDERR\"",
                             CommandRunner.executable.path] + arguments
        let errorPath = directory + "/stderr"
        process.environment = ProcessInfo.processInfo.environment.merging(["NICA_STDERR": errorPath]) { $1 }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let stderr = (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? ""
        return (process.terminationStatus, stderr)
    }

    func testInterruptedWriteLeavesNoHalfWrittenFile() throws {
        let input = try mixture()
        // latents.csv for 1500 observations is about 60 kB, over the limit; report.json fits.
        let killed = directory + "/killed"
        let (status, _) = try runWithFileSizeLimit(["analyze", input, "--epochs", "2", "--out", killed] + CommandRunner.quickModel,
                                                   kilobytes: 16, ignoreSignal: false)
        XCTAssertNotEqual(status, 0)
        let visible = try FileManager.default.contentsOfDirectory(atPath: killed).filter { !$0.hasPrefix(".") }
        XCTAssertEqual(visible, [], "no export appears unless all of them were written")

        let failed = directory + "/failed"
        let (code, message) = try runWithFileSizeLimit(["analyze", input, "--epochs", "2", "--out", failed] + CommandRunner.quickModel,
                                                       kilobytes: 16, ignoreSignal: true)
        XCTAssertEqual(code, 74)
        XCTAssertTrue(message.hasPrefix("nica: \(failed)/latents.csv: "), message)
        XCTAssertEqual(message.filter { $0 == "\n" }.count, 1, message)
        let left = try FileManager.default.contentsOfDirectory(atPath: failed).sorted()
        XCTAssertEqual(left, [], "no export and no temporary file or staging folder is left")
    }
}
