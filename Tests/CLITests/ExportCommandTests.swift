import XCTest
import Foundation
import SignalIO
import TestSupport

/// What `nica analyze --out` writes beyond the report: plots, the HTML page, `.npy` traces,
/// and what `--export-all` adds.
final class ExportCommandTests: XCTestCase {
    /// A short generated recording with 2 sources in 4 channels.
    private func recording() throws -> String {
        let dir = TestSupport.makeTemporaryDirectory("nica-export")
        let path = dir + "/nl2.csv"
        let made = try CommandRunner.nica(["generate", "nonlinear", "--k", "2", "--m", "4", "--frames", "3000",
                                           "--layers", "1", "--seed", "4", "--out", path])
        XCTAssertEqual(made.status, 0, made.stderr)
        return path
    }

    /// (shape, values) of a little-endian Float32 `.npy` file.
    private func readNpy(_ path: String) throws -> ([Int], [Float]) {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        XCTAssertTrue(header.contains("'descr': '<f4'"), header)
        let shapeText = header.components(separatedBy: "'shape': (")[1].components(separatedBy: ")")[0]
        let shape = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        var values: [Float] = []
        var i = 10 + headerLength
        while i + 4 <= bytes.count {
            values.append(Float(bitPattern: UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24))
            i += 4
        }
        return (shape, values)
    }

    func testOutWritesPlotsPageAndActiveTracesAsNpy() throws {
        let input = try recording()
        let out = TestSupport.makeTemporaryDirectory("nica-export") + "/results"
        let result = try CommandRunner.nica(["analyze", input, "--epochs", "40", "--seed", "1", "--json",
                                             "--out", out] + CommandRunner.quickModel)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let active = try XCTUnwrap(report["active_dims"] as? [Int])
        XCTAssertFalse(active.isEmpty)

        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        XCTAssertEqual(files, ["kl.svg", "latents.csv", "latents.npy", "latents.svg", "latents.wav", "report.html",
                               "report.json", "timings.json", "training.svg"])
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("Estimated number of sources: \(active.count)"))
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 3, "the three plots inline")
        let kl = try String(contentsOfFile: out + "/kl.svg", encoding: .utf8)
        XCTAssertTrue(kl.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))

        // latents.npy: the active dimensions in active_dims order, equal to latents.csv's columns.
        let (shape, values) = try readNpy(out + "/latents.npy")
        XCTAssertEqual(shape, [3000, active.count])
        let csv = try String(contentsOfFile: out + "/latents.csv", encoding: .utf8).split(separator: "\n")
        for row in [0, 1234, 2999] {
            let fields = csv[row + 1].split(separator: ",").map { Float($0)! }
            for (c, d) in active.enumerated() {
                XCTAssertEqual(values[row * active.count + c], fields[2 + d], "row \(row), z\(d)")
            }
        }
    }

    func testExportAllWritesEveryDimensionByKL() throws {
        let input = try recording()
        let out = TestSupport.makeTemporaryDirectory("nica-export")
        let result = try CommandRunner.nica(["analyze", input, "--epochs", "10", "--json", "--export-all",
                                             "--out", out] + CommandRunner.quickModel)
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let order = try XCTUnwrap(report["dims_by_kl"] as? [Int])
        XCTAssertEqual(order.count, 4)
        let (shape, values) = try readNpy(out + "/latents.npy")
        XCTAssertEqual(shape, [3000, 4])
        let wav = try AudioFile.read(path: out + "/latents.wav")
        XCTAssertEqual(wav.channelCount, 4)
        let csv = try String(contentsOfFile: out + "/latents.csv", encoding: .utf8).split(separator: "\n")
        let fields = csv[1 + 10].split(separator: ",").map { Float($0)! }
        XCTAssertEqual(values[10 * 4 + 3], fields[2 + order[3]])
    }
}
