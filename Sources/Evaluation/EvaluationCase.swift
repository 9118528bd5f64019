import Foundation
import NicaCore
import SignalIO
import Synthesis

/// One generated recording on disk: `<stem>.truth.json`, the signal `<stem>.csv` or
/// `<stem>.wav`/`.flac`, and `<stem>.sources.csv`, as `nica generate` writes them.
public struct EvaluationCase: Sendable {
    public var name: String
    public var truth: GenerationTruth
    public var signalPath: String
    public var sourcesPath: String

    /// All cases in `directory` (every `*.truth.json`), sorted by name.
    public static func list(directory: String) throws -> [EvaluationCase] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NicaError.missingInput(path: directory, message: "no such directory")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".truth.json") }.sorted()
        guard !names.isEmpty else {
            throw NicaError.missingInput(path: directory, message: "no generated cases (*.truth.json) in this directory")
        }
        return try names.map { try load(truthPath: directory + "/" + $0) }
    }

    /// Loads the case whose truth file is `truthPath`.
    public static func load(truthPath: String) throws -> EvaluationCase {
        let stem = String(truthPath.dropLast(".truth.json".count))
        let truth: GenerationTruth
        do {
            truth = try JSONDecoder().decode(GenerationTruth.self, from: Data(contentsOf: URL(fileURLWithPath: truthPath)))
        } catch {
            throw NicaError.badData(path: truthPath, line: 0, column: 0, message: "not a truth file written by nica generate")
        }
        let candidates = ["csv", "wav", "flac"].map { stem + "." + $0 }
        guard let signal = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
            throw NicaError.missingInput(path: stem + ".csv", message: "the recording of this truth file is missing")
        }
        let name = URL(fileURLWithPath: stem).lastPathComponent
        return EvaluationCase(name: name, truth: truth, signalPath: signal, sourcesPath: stem + ".sources.csv")
    }
}
