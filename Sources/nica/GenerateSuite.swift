import ArgumentParser
import Foundation
import Report
import Synthesis

/// `nica generate-suite`: a directory of generated cases for `nica evaluate`.
struct GenerateSuite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-suite",
        abstract: "Write a suite of generated recordings with known source counts, for nica evaluate.",
        discussion: """
        For each family, N cases with k = 1…8 (cycled), m from k (from 1 for spectral) to 2k + 4, 1–3 mixing layers, SNR 20–40 dB, all drawn from --seed.

        Example:
          nica generate-suite cases/ --per-family 16 --seed 1 && nica evaluate cases/
        """)

    @Argument(help: "Output directory (created if missing).")
    var directory: String

    @Option(help: "Cases per family.")
    var perFamily: Int = 16

    @Option(help: "Families, comma-separated: linear, nonlinear, square, spectral, ivae. (default: the first four)")
    var families: String?

    @Option(help: "Length of per-sample recordings in samples.")
    var frames: Int = 20_000

    @Option(help: "Length of spectral recordings in seconds.")
    var seconds: Double = 60

    @Option(help: "Seed of the plan (each case has its own seed, drawn from this one).")
    var seed: UInt64 = 1

    func validate() throws {
        guard perFamily >= 1 else { throw ValidationError("--per-family must be at least 1, got \(perFamily)") }
        _ = try selectedFamilies()
    }

    func selectedFamilies() throws -> [GenerationFamily] {
        guard let families else { return SuitePlan.countingFamilies }
        return try families.split(separator: ",").map {
            let name = $0.trimmingCharacters(in: .whitespaces)
            guard let family = GenerationFamily(rawValue: name) else {
                throw ValidationError("--families: unknown family '\(name)' (linear, nonlinear, square, spectral, ivae)")
            }
            return family
        }
    }

    func run() throws {
        try reportingErrors {
            let plan = try SuitePlan(families: try selectedFamilies(), casesPerFamily: perFamily,
                                     frames: frames, spectralSeconds: seconds, seed: seed)
            for planned in plan.cases {
                let recording = try planned.spec.generate()
                let ext = recording.truth.family == .spectral ? "wav" : "csv"
                try GeneratedRecordingWriter.write(recording, to: "\(directory)/\(planned.name).\(ext)")
            }
            print("wrote \(plan.cases.count) cases to \(directory)")
        }
    }
}
