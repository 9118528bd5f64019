import XCTest
import Foundation
import TestSupport

/// The help of every command and the messages of common mistakes, compared whole with the
/// files in `Tests/CLITests/Golden/`. A change to the command-line surface shows up as a
/// diff of those files; `NICA_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests`
/// rewrites them (review the diff before committing).
final class GoldenOutputTests: XCTestCase {
    private static let directory = CommandRunner.packageRoot.appendingPathComponent("Tests/CLITests/Golden")
    /// Help is wrapped to the terminal width; a fixed width keeps it reproducible.
    private static let environment = ["COLUMNS": "80"]

    private func assertGolden(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["NICA_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(text, expected, "\(name) differs (NICA_UPDATE_GOLDEN=1 rewrites it)", file: file, line: line)
    }

    func testHelpOfEveryCommand() throws {
        for command in [[], ["analyze"], ["generate"], ["encode"], ["info"]] {
            let result = try CommandRunner.nica(command + ["--help"], environment: Self.environment)
            XCTAssertEqual(result.status, 0)
            XCTAssertEqual(result.stderr, "")
            try assertGolden(result.stdout, "help-\(command.first ?? "nica").txt")
        }
    }

    func testEveryOptionHelpShowsADefaultOrIsRequired() throws {
        for command in ["analyze", "generate", "encode", "info"] {
            let help = try CommandRunner.nica([command, "--help"], environment: Self.environment).stdout
            // Each option entry: its line(s) up to the next option; flags (no <value>) are off by default.
            let entries = help.components(separatedBy: "\nOPTIONS:\n")[1].components(separatedBy: "\n  -").dropFirst()
            for entry in entries where entry.contains("<") && !entry.hasPrefix("-help") && !entry.hasPrefix("-version") {
                let name = String(entry.prefix { $0 != " " && $0 != "\n" })
                let required = (command == "generate" && name == "-out") || (command == "encode" && name == "-model")
                XCTAssertTrue(entry.contains("default:") || required, "\(command) -\(name) shows no default")
            }
        }
    }

    /// Common mistakes: each gives its exit status and the exact message.
    func testErrorMessages() throws {
        let cases: [[String]] = [
            ["analyze", "data/no-such-file.csv"],
            ["analyze", "data/nonlinear-3src.csv", "--window", "0"],
            ["analyze", "data/nonlinear-3src.csv", "--features", "logpower"],
            ["analyze", "data/nonlinear-3src.csv", "--progress", "loud"],
            ["analyze", "data/nonlinear-3src.csv", "--quiet", "--verbose"],
            ["analyze", "data/nonlinear-3src.csv", "--hidden", "64,x"],
            ["analyze", "data/nonlinear-3src.csv", "--dependence-threshold", "0"],
            ["encode", "--model", "no-such.safetensors", "data/nonlinear-3src.csv"],
            ["encode", "data/nonlinear-3src.csv"],
            ["info", "data/nonlinear-3src.truth.json"],
            ["info"],
        ]
        var transcript = ""
        for arguments in cases {
            let result = try CommandRunner.nica(arguments, environment: Self.environment)
            XCTAssertNotEqual(result.status, 0, arguments.joined(separator: " "))
            XCTAssertEqual(result.stdout, "", arguments.joined(separator: " "))
            transcript += "$ nica \(arguments.joined(separator: " "))\nexit \(result.status)\n\(result.stderr)\n"
        }
        try assertGolden(transcript, "errors.txt")
    }
}
