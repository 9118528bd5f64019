import XCTest
import Foundation
import NicaCore
import SignalIO
import TestSupport

/// `nica analyze` and `nica generate` run as a user would run them, on the sample data.
final class AnalyzeCommandTests: XCTestCase {
    private func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try XCTUnwrap(object as? [String: Any], "stdout is not one JSON object")
    }

    private func truth(_ stem: String) throws -> Int {
        let url = CommandRunner.packageRoot.appendingPathComponent("data/\(stem).truth.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        return try XCTUnwrap(object?["k"] as? Int)
    }

    func testSampleCSVIsCountedAndExported() throws {
        let out = TestSupport.makeTemporaryDirectory("nica-cli")
        let result = try CommandRunner.nica(["analyze", "data/nonlinear-3src.csv", "--epochs", "80", "--restarts", "1",
                                             "--json", "--out", out] + CommandRunner.quickModel)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try json(result.stdout)
        XCTAssertEqual(report["sources"] as? Int, try truth("nonlinear-3src"))
        let kl = try XCTUnwrap(report["kl_per_dim"] as? [Double])
        XCTAssertEqual(kl.count, 6)
        XCTAssertEqual((report["active_dims"] as? [Int])?.count, 3)
        XCTAssertNotNil(report["linear_mdl_estimate"] as? Int)
        // Three latents for three sources: one dependence value each, all small, so none is
        // dropped as redundant and the count is not ambiguous.
        let dependence = try XCTUnwrap(report["latent_dependence_nats"] as? [Double])
        XCTAssertEqual(dependence.count, 3)
        XCTAssertLessThan(dependence.reduce(0, +) / 3, 0.33, "\(dependence)")
        XCTAssertEqual(report["redundant_dims"] as? [Int], [])
        XCTAssertEqual((report["settings"] as? [String: Any])?["dependence_threshold_nats"] as? Double, 0.33)
        XCTAssertEqual(report["ambiguous"] as? Bool, false)

        // report.json holds the same object as stdout.
        let saved = try String(contentsOfFile: out + "/report.json", encoding: .utf8)
        XCTAssertEqual(try json(saved)["kl_per_dim"] as? [Double], kl)

        // latents.csv: header index,time,z0…z5 and one row per time step.
        let csv = try String(contentsOfFile: out + "/latents.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.first, "index,time,z0,z1,z2,z3,z4,z5")
        XCTAssertEqual(csv.count, 1 + 20_000)
        XCTAssertTrue(csv[2].hasPrefix("1,0.01,"), String(csv[2]))

        // latents.wav: one channel per active latent at the observation rate, the most informative first.
        let wav = try AudioFile.read(path: out + "/latents.wav")
        XCTAssertEqual(wav.channelCount, 3)
        XCTAssertEqual(wav.frameCount, 20_000)
        XCTAssertEqual(wav.sampleRate, 100)
        let dims = try XCTUnwrap(report["dims_by_kl"] as? [Int])
        let secondRow = csv[1].split(separator: ",").map { Double($0)! }
        XCTAssertEqual(Double(wav.samples[0]), secondRow[2 + dims[0]], accuracy: 1e-6)
    }

    /// Three epochs leave the latents of the sample recording strongly dependent: the count
    /// leaves out the ones that repeat the others, names them in a warning and in the summary,
    /// and a high --dependence-threshold counts every informative latent again.
    func testRedundantLatentsAreLeftOutOfTheCount() throws {
        let undertrained = ["analyze", "data/nonlinear-3src.csv", "--epochs", "3", "--hidden", "8,8", "--restarts", "1"]
        let result = try CommandRunner.nica(undertrained + ["--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try json(result.stdout)
        let active = try XCTUnwrap(report["active_dims"] as? [Int])
        let informative = try XCTUnwrap(report["informative_dims"] as? [Int])
        let redundant = try XCTUnwrap(report["redundant_dims"] as? [Int])
        let dependence = try XCTUnwrap(report["latent_dependence_nats"] as? [Double])
        XCTAssertFalse(redundant.isEmpty, "\(dependence)")
        XCTAssertEqual(report["sources"] as? Int, active.count)
        XCTAssertEqual(Set(active + redundant), Set(informative))
        XCTAssertEqual(dependence.count, informative.count)
        XCTAssertGreaterThan(dependence.reduce(0, +) / Double(dependence.count), 0.33)
        XCTAssertEqual(report["ambiguous"] as? Bool, true)
        XCTAssertTrue(result.stderr.contains("not counted"), result.stderr)
        XCTAssertTrue(result.stderr.contains("counting every informative latent gives \(informative.count)"), result.stderr)

        let summary = try CommandRunner.nica(undertrained)
        XCTAssertTrue(summary.stdout.contains("+ informative but not counted: "
                                              + redundant.map { "z\($0)" }.joined(separator: ", ")), summary.stdout)

        let everyLatent = try json(try CommandRunner.nica(undertrained + ["--json", "--dependence-threshold", "100"]).stdout)
        XCTAssertEqual(everyLatent["sources"] as? Int, informative.count)
        XCTAssertEqual(everyLatent["redundant_dims"] as? [Int], [])
        XCTAssertEqual(everyLatent["latent_dependence_nats"] as? [Double], dependence)
    }

    func testSampleWAVIsCountedInSpectralMode() throws {
        let result = try CommandRunner.nica(["analyze", "data/spectral-3src.wav", "--window", "256", "--hop", "128",
                                             "--features", "logpower", "--epochs", "200", "--restarts", "1", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try json(result.stdout)
        XCTAssertEqual(report["sources"] as? Int, try truth("spectral-3src"))
        let input = try XCTUnwrap(report["input"] as? [String: Any])
        XCTAssertEqual(input["sample_rate"] as? Double, 8000)
        XCTAssertEqual(report["observations"] as? Int, (480_000 - 256) / 128 + 1)
        XCTAssertNil(report["latent_dependence_nats"], "only per-sample mode checks latent dependence")
        XCTAssertNil(report["redundant_dims"])
        XCTAssertNil((report["settings"] as? [String: Any])?["dependence_threshold_nats"])
    }

    func testSummaryIsReadable() throws {
        // The layout of the summary is under test here, so a narrow model keeps the debug build quick.
        let result = try CommandRunner.nica(["analyze", "data/nonlinear-3src.csv", "--epochs", "60", "--restarts", "1",
                                             "--hidden", "32,32", "--seed", "2"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("Estimated number of sources: 3 sources"), result.stdout)
        XCTAssertTrue(result.stdout.contains("KL (nats)"))
        XCTAssertEqual(result.stdout.components(separatedBy: " *  ").count - 1, 3, "three rows marked active")
        XCTAssertEqual(result.stderr, "", "no progress output when stderr is not a terminal")
    }

    func testMissingFileIsOneLineExit66AndNoOutput() throws {
        let out = TestSupport.makeTemporaryDirectory("nica-cli") + "/results"
        let result = try CommandRunner.nica(["analyze", "data/no-such-file.csv", "--out", out])
        XCTAssertEqual(result.status, 66)
        XCTAssertEqual(result.stderr, "nica: data/no-such-file.csv: no such file\n")
        XCTAssertEqual(result.stdout, "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testRaggedCSVNamesTheLine() throws {
        let dir = TestSupport.makeTemporaryDirectory("nica-cli")
        try "a,b\n1,2\n3\n".write(toFile: dir + "/ragged.csv", atomically: true, encoding: .utf8)
        let result = try CommandRunner.nica(["analyze", dir + "/ragged.csv"])
        XCTAssertEqual(result.status, 65)
        XCTAssertTrue(result.stderr.hasPrefix("nica: \(dir)/ragged.csv:3"), result.stderr)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1)
    }

    func testBadArgumentsAreUsageErrors() throws {
        let zero = try CommandRunner.nica(["analyze", "data/nonlinear-3src.csv", "--window", "0"])
        XCTAssertEqual(zero.status, 64)
        XCTAssertTrue(zero.stderr.contains("--window"), zero.stderr)
        let kind = try CommandRunner.nica(["analyze", "data/nonlinear-3src.csv", "--features", "cepstrum"])
        XCTAssertEqual(kind.status, 64)
        let perSampleSpectrum = try CommandRunner.nica(["analyze", "data/nonlinear-3src.csv", "--features", "logpower"])
        XCTAssertEqual(perSampleSpectrum.status, 64)
        XCTAssertTrue(perSampleSpectrum.stderr.contains("--window"), perSampleSpectrum.stderr)
    }

    func testGenerateIsDeterministicAndWritesTruth() throws {
        let dir = TestSupport.makeTemporaryDirectory("nica-cli")
        for name in ["a", "b"] {
            let r = try CommandRunner.nica(["generate", "nonlinear", "--k", "2", "--m", "4", "--frames", "500",
                                            "--seed", "9", "--out", "\(dir)/\(name).csv"])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.csv"))
        let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/b.csv"))
        XCTAssertEqual(a, b)
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/a.truth.json"))) as? [String: Any]
        XCTAssertEqual(truth?["k"] as? Int, 2)
        let signal = try CSVReader.read(path: dir + "/a.csv")
        XCTAssertEqual(signal.channelCount, 4)
        XCTAssertEqual(signal.frameCount, 500)
        let sources = try CSVReader.read(path: dir + "/a.sources.csv")
        XCTAssertEqual(sources.channelCount, 2)
    }

    /// 8 sources through 3 leaky-ReLU layers squash one direction 3.5 dB below the noise at
    /// 30 dB; 20 dB less noise lifts it above, and the warning goes.
    func testGenerateWarnsWhenTheWeakestSourceIsBelowTheNoise() throws {
        let dir = TestSupport.makeTemporaryDirectory("nica-cli")
        let arguments = ["generate", "square", "--k", "8", "--layers", "3", "--activation", "leakyReLU",
                         "--frames", "2000", "--seed", "528198"]
        let noisy = try CommandRunner.nica(arguments + ["--snr", "30", "--out", "\(dir)/noisy.csv"])
        XCTAssertEqual(noisy.status, 0, noisy.stderr)
        XCTAssertEqual(noisy.stderr, "nica: warning: \(dir)/noisy.csv: the weakest source direction lies 3.5 dB below "
                       + "the noise over most of the recording, so the data may not show all 8 sources\n")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/noisy.truth.json"))) as? [String: Any]
        XCTAssertEqual(try XCTUnwrap(truth?["weakestDirectionSNRDB"] as? Double), -3.55, accuracy: 0.01)
        let clean = try CommandRunner.nica(arguments + ["--snr", "50", "--out", "\(dir)/clean.csv"])
        XCTAssertEqual(clean.status, 0, clean.stderr)
        XCTAssertEqual(clean.stderr, "")
    }
}
