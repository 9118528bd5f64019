import ArgumentParser
import Evaluation
import Foundation
import Report

/// `nica evaluate`: accuracy of the count over a directory of generated cases.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Analyse every generated case in a directory and score the count against the truth.",
        discussion: """
        Per-sample families are analysed in per-sample mode, spectral ones with --window 256 --hop 128 --features logpower. Prints, per family: exact-count accuracy, |error| ≤ 1, mean |error|, mean signed error, seed consistency, the linear MDL's accuracy, MCC and time per case. A second table groups the per-sample runs by the SNR of their mixture's weakest source direction (below 0, 0–6, at least 6 dB; from truth.json), which separates misses of sources the data hardly show from the others.

        Example:
          nica evaluate cases/ --seeds 1,2,3,4,5
        """)

    @Argument(help: "Directory written by nica generate-suite (or nica generate).")
    var directory: String

    @Option(help: "Seeds to analyse each case with, comma-separated.")
    var seeds: String = "1"

    @OptionGroup var model: ModelOptions

    @Flag(help: "Print one JSON object (per-case outcomes and per-family summaries) instead of tables.")
    var json = false

    @Flag(help: "Also print one table row per case (weakest-direction SNR, counts per seed, MDL, MCC, KL).")
    var cases = false

    @Flag(help: "Print one line per case and seed as it finishes (on stderr).")
    var verbose = false

    func validate() throws {
        _ = try seedList()
        try model.validate()
    }

    func seedList() throws -> [UInt64] {
        let list = seeds.split(separator: ",").map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else {
            throw ValidationError("--seeds expects non-negative integers separated by commas, got '\(seeds)'")
        }
        return list.map { $0! }
    }

    func run() throws {
        try reportingErrors {
            let testCases = try EvaluationCase.list(directory: directory)
            let template = model.settings(features: .init(window: 1, hop: 1, kind: .raw))
            var outcomes: [CaseOutcome] = []
            for testCase in testCases {
                for seed in try seedList() {
                    let outcome = try SuiteEvaluator.evaluate(testCase, seed: seed, template: template)
                    outcomes.append(outcome)
                    if verbose {
                        writeToStderr("\(outcome.name) seed \(seed): k=\(outcome.k) m=\(outcome.m) → \(outcome.sources) (MDL \(outcome.linearMDL))"
                                      + " KL \(outcome.klSorted.prefix(outcome.k + 2).map { String(format: "%.3f", $0) }.joined(separator: " "))"
                                      + String(format: " %.1fs\n", outcome.seconds))
                    }
                }
            }
            let report = EvaluationReport(outcomes: outcomes)
            if json {
                print(try JSONRendering.render(report))
            } else {
                print(report.table())
                if let detectability = report.detectabilityTable() { print("\n" + detectability) }
                if cases { print("\n" + report.caseTable()) }
            }
        }
    }
}
