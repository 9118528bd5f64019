import XCTest
import Foundation
import TestSupport

/// Every class of bad input gets exactly one line on stderr naming the file and place (or the
/// option), its sysexits status, nothing on stdout and no file in the output directory.
final class BadInputTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-bad")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func write(_ bytes: [UInt8], _ name: String) -> String {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    private func write(_ text: String, _ name: String) -> String { write(Array(text.utf8), name) }

    /// Runs `nica analyze arguments… --out DIR` and checks the status, that stderr is one line
    /// starting with `nica: ` and holding every fragment, that stdout is empty and that DIR
    /// holds no file.
    private func assertRejected(_ arguments: [String], status: Int32, _ fragments: String...,
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let out = directory + "/results"
        let result = try CommandRunner.nica(["analyze"] + arguments + ["--out", out, "--epochs", "2"])
        let context = "\(arguments): \(result.stderr)"
        XCTAssertEqual(result.status, status, context, file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("nica: "), context, file: file, line: line)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "one line: \(context)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasSuffix("\n"), context, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\(context) should contain \(fragment)", file: file, line: line)
        }
        XCTAssertEqual(result.stdout, "", context, file: file, line: line)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        XCTAssertEqual(left, [], "files left behind: \(context)", file: file, line: line)
    }

    private func rows(_ count: Int, channels: Int, separator: String = ",") -> String {
        var lines: [String] = []
        for t in 0..<count {
            var fields: [String] = []
            for c in 0..<channels {
                let x: Double = sin(Double(t) * 0.37 * Double(c + 1)) + 0.01 * Double(t % 7)
                fields.append(String(format: "%.4f", x))
            }
            lines.append(fields.joined(separator: separator) + "\n")
        }
        return lines.joined()
    }

    func testBadCSVNamesTheLineAndField() throws {
        try assertRejected([write("", "empty.csv")], status: 65, "empty.csv", "empty file")
        try assertRejected([write("a,b\n", "header.csv")], status: 65, "header.csv", "no data rows")
        try assertRejected([write("a,b\n1,2\n3\n", "ragged.csv")], status: 65, "ragged.csv:3:2", "expected 2 fields, found 1")
        try assertRejected([write("a,b\n1,2\n3,x7\n", "text.csv")], status: 65, "text.csv:3:2", "\"x7\"")
        try assertRejected([write("a,b\n1,NaN\n", "nan.csv")], status: 65, "nan.csv:2:2", "non-finite")
        try assertRejected([write("a,b\n1,2\n-inf,2\n", "inf.csv")], status: 65, "inf.csv:3:1", "non-finite")
        try assertRejected([write("a,b\n1,2\n3,+Infinity\n", "infinity.csv")], status: 65, "infinity.csv:3:2", "non-finite")
        try assertRejected([write("a,b\n1,4e38\n", "big.csv")], status: 65, "big.csv:2:2", "Float32")
        try assertRejected([write([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0xFF, 0xFE, 0x0A, 0x01], "zip.csv")], status: 65, "zip.csv:1")
        try assertRejected([write("time,a\n0,1\n0.1,2\n0.1,3\n", "time.csv")], status: 65, "time.csv:4:1", "strictly increasing")
        try assertRejected([write("a,b\n\"1,2\n", "quote.csv")], status: 65, "quote.csv:2")
    }

    func testOtherDelimitersAndCommentsAreRead() throws {
        let cases = [("semicolon.csv", "# exported 2024-01-01\nx;y;z\n" + rows(40, channels: 3, separator: ";")),
                     ("tab.tsv", "x\ty\tz\n" + rows(40, channels: 3, separator: "\t")),
                     ("comments.csv", "# sensor log\nx,y,z\n# calibration follows\n" + rows(40, channels: 3))]
        for (name, text) in cases {
            let result = try CommandRunner.nica(["analyze", write(text, name), "--epochs", "2", "--json"])
            XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            let input = report?["input"] as? [String: Any]
            XCTAssertEqual(input?["frames"] as? Int, 40, name)
            XCTAssertEqual((report?["kl_per_dim"] as? [Double])?.count, 3, name)
        }
        // A semicolon file read with the wrong delimiter fails on its first data row…
        let semicolon = write("x;y\n1,5;2\n3;4\n", "decimal-comma.csv")
        try assertRejected([semicolon, "--delimiter", ","], status: 65, "decimal-comma.csv:2")
        // Signs of a delimiter the detection did not pick are pointed out.
        try assertRejected([semicolon], status: 65, "decimal-comma.csv:2:1", "decimal commas")
        try assertRejected([write("x|y\n1|2\n", "pipe.csv")], status: 65, "pipe.csv:2:1", "'|'? pass --delimiter")
        try assertRejected([write("x y\n1 2\n", "spaces.csv")], status: 65, "spaces.csv:2:1", "separated by spaces")
        // …and a delimiter that is not one character is a usage error.
        try assertRejected([semicolon, "--delimiter", ";;"], status: 64, "--delimiter")
    }

    func testBadAudioIsBadData() throws {
        let generated = directory + "/tone.wav"
        let made = try CommandRunner.nica(["generate", "spectral", "--k", "1", "--m", "2", "--seconds", "1",
                                           "--encoding", "pcm16", "--out", generated])
        XCTAssertEqual(made.status, 0, made.stderr)
        let wav = [UInt8](try Data(contentsOf: URL(fileURLWithPath: generated)))
        try assertRejected([write(Array(wav[0..<30]), "cut-header.wav")], status: 65, "cut-header.wav", "not a readable audio file")
        try assertRejected([write(Array(wav[0..<(wav.count / 2)]), "cut-data.wav")], status: 65, "cut-data.wav", "truncated")
        var empty = Array(wav[0..<44])
        for k in 0..<4 { empty[40 + k] = 0 }
        try assertRejected([write(empty, "zero-frames.wav")], status: 65, "zero-frames.wav", "no audio frames")
        try assertRejected([write("time,a\n0,1\n", "text.wav")], status: 65, "text.wav", "not a readable audio file")
    }

    func testBadArgumentsNameTheOption() throws {
        let csv = write("a,b\n" + rows(100, channels: 2), "ok.csv")
        try assertRejected([csv, "--window", "0"], status: 64, "--window", "got 0")
        try assertRejected([csv, "--window", "-3"], status: 64, "--window", "got -3")
        try assertRejected([csv, "--hop", "-1"], status: 64, "--hop")
        try assertRejected([csv, "--batch-size", "0"], status: 64, "--batch-size")
        try assertRejected([csv, "--latent-dim", "-2"], status: 64, "--latent-dim")
        try assertRejected([csv, "--learning-rate", "0"], status: 64, "--learning-rate")
        try assertRejected([csv, "--kl-weight", "0"], status: 64, "--kl-weight", "got 0")
        try assertRejected([csv, "--kl-weight", "nan"], status: 64, "--kl-weight")
        try assertRejected([csv, "--rate", "-8000"], status: 64, "--rate")
        try assertRejected([csv, "--seed", "-1"], status: 64, "--seed")
        try assertRejected([csv, "--features", "cepstrum"], status: 64, "--features", "logpower")
        try assertRejected([csv, "--colour", "blue"], status: 64, "--colour")
        try assertRejected([csv, "--channels", "c"], status: 64, "--channels", "\"c\"")
        try assertRejected([csv, "--window", "500", "--features", "logpower"], status: 64, "--window", "longer than the recording")
        try assertRejected([csv, "--window", "64", "--features", "logpower"], status: 64, "--window", "need at least 16")
        try assertRejected([write("a\n1\n2\n3\n", "short.csv")], status: 64, "only 3 samples")
        try assertRejected([directory + "/absent.csv"], status: 66, "absent.csv", "no such file")
        try FileManager.default.createDirectory(atPath: directory + "/folder.csv", withIntermediateDirectories: false)
        try assertRejected([directory + "/folder.csv"], status: 66, "folder.csv", "directory")
    }

    func testUnusableOutputDirectoryFailsBeforeTheAnalysis() throws {
        // Three rows would fail in the analysis (too few to train) with status 64: status 74
        // shows the output directory was checked first.
        let short = write("a,b\n1,2\n3,4\n5,7\n", "short.csv")
        let file = write("not a directory", "taken")
        for out in [file, file + "/results"] {
            let result = try CommandRunner.nica(["analyze", short, "--out", out])
            XCTAssertEqual(result.status, 74, result.stderr)
            XCTAssertTrue(result.stderr.hasPrefix("nica: \(out): "), result.stderr)
            XCTAssertTrue(result.stderr.contains("--out"), result.stderr)
            XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "not a directory")
        if geteuid() != 0 {
            let locked = directory + "/locked"
            try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o555])
            let result = try CommandRunner.nica(["analyze", short, "--out", locked + "/results"])
            XCTAssertEqual(result.status, 74, result.stderr)
            XCTAssertTrue(result.stderr.contains("Permission denied"), result.stderr)
        }
    }
}
