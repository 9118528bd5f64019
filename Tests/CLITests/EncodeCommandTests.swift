import XCTest
import Foundation
import TestSupport

/// `nica analyze --save-model` and `nica encode`: a saved model gives the same traces again.
final class EncodeCommandTests: XCTestCase {
    func testEncodeWithTheSavedModelReproducesTheAnalysis() throws {
        let dir = TestSupport.makeTemporaryDirectory("nica-encode")
        let made = try CommandRunner.nica(["generate", "nonlinear", "--k", "2", "--m", "3", "--frames", "2000",
                                           "--layers", "1", "--seed", "5", "--out", dir + "/in.csv"])
        XCTAssertEqual(made.status, 0, made.stderr)
        let analysed = try CommandRunner.nica(["analyze", dir + "/in.csv", "--epochs", "20", "--hidden", "16,16",
                                               "--save-model", dir + "/m.safetensors", "--out", dir + "/a"])
        XCTAssertEqual(analysed.status, 0, analysed.stderr)
        let encoded = try CommandRunner.nica(["encode", "--model", dir + "/m.safetensors", dir + "/in.csv", "--out", dir + "/e"])
        XCTAssertEqual(encoded.status, 0, encoded.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: dir + "/e/latents.csv")),
                       try Data(contentsOf: URL(fileURLWithPath: dir + "/a/latents.csv")))
        XCTAssertEqual(encoded.stdout.components(separatedBy: "\n")[2], analysed.stdout.components(separatedBy: "\n")[2],
                       "the same count line")
        for file in ["report.json", "report.html", "kl.svg", "latents.svg", "training.svg", "latents.npy", "latents.wav"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/e/" + file), file)
        }
    }

    func testMissingOrForeignModelIsOneLine() throws {
        let missing = try CommandRunner.nica(["encode", "--model", "no-such.safetensors", "data/nonlinear-3src.csv"])
        XCTAssertEqual(missing.status, 66)
        XCTAssertEqual(missing.stderr, "nica: no-such.safetensors: no such file\n")
        let foreign = try CommandRunner.nica(["encode", "--model", "data/nonlinear-3src.truth.json", "data/nonlinear-3src.csv"])
        XCTAssertEqual(foreign.status, 65)
        XCTAssertTrue(foreign.stderr.hasPrefix("nica: data/nonlinear-3src.truth.json: not a valid safetensors model file: "), foreign.stderr)
        XCTAssertEqual(foreign.stderr.filter { $0 == "\n" }.count, 1)
    }
}
