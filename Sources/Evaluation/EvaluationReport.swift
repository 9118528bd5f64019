import Foundation

/// Outcomes of an evaluation run and their per-family summaries.
public struct EvaluationReport: Codable, Sendable {
    public var families: [FamilySummary]
    public var overall: FamilySummary
    public var outcomes: [CaseOutcome]
    /// The per-sample runs grouped by the SNR of their weakest source direction
    /// (`detectabilityGroups`); empty when no outcome has that figure.
    public var detectability: [FamilySummary]

    /// The weakest-direction SNR groups (dB): below 0 dB the weakest source is under the
    /// noise over most of the recording; from 6 dB on it stands clearly above it.
    public static let detectabilityGroups: [(label: String, range: Range<Double>)] =
        [("< 0 dB", -.infinity..<0), ("0–6 dB", 0..<6), ("≥ 6 dB", 6..<Double.infinity)]

    public init(outcomes: [CaseOutcome]) {
        self.outcomes = outcomes
        let order = ["linear", "nonlinear", "square", "spectral"]
        let names = Set(outcomes.map(\.family)).sorted {
            (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1)
        }
        families = names.map { name in FamilySummary(family: name, outcomes: outcomes.filter { $0.family == name }) }
        overall = FamilySummary(family: "all", outcomes: outcomes)
        detectability = Self.detectabilityGroups.compactMap { group in
            let members = outcomes.filter { $0.weakestDirectionSNRDB.map(group.range.contains) ?? false }
            return members.isEmpty ? nil : FamilySummary(family: group.label, outcomes: members)
        }
    }

    /// A Markdown table, one row per family and one for all.
    public func table() -> String { summaryTable(firstColumn: "family", rows: families + [overall]) }

    /// A Markdown table of the per-sample runs by the SNR of their weakest source direction
    /// (nil when no outcome has it): where the misses are cases the data hardly show.
    public func detectabilityTable() -> String? {
        detectability.isEmpty ? nil : summaryTable(firstColumn: "weakest direction", rows: detectability)
    }

    private func summaryTable(firstColumn: String, rows: [FamilySummary]) -> String {
        var lines = ["| \(firstColumn) | cases | runs | exact | \\|err\\| ≤ 1 | mean \\|err\\| | mean err | same count ≥ 4/5 seeds | linear MDL exact | MCC | s/case |",
                     "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for s in rows {
            let consistency = s.seedConsistency.map { percent($0) } ?? "–"
            let mcc = s.meanMCC.map { String(format: "%.3f", $0) } ?? "–"
            lines.append("| \(s.family) | \(s.cases) | \(s.runs) | \(percent(s.exact)) | \(percent(s.withinOne)) | "
                         + String(format: "%.2f | %+.2f | ", s.meanAbsoluteError, s.meanSignedError)
                         + "\(consistency) | \(percent(s.linearMDLExact)) | \(mcc) | " + String(format: "%.1f |", s.meanSeconds))
        }
        return lines.joined(separator: "\n")
    }

    /// One row per case: truth, counts per seed, MDL, MCC.
    public func caseTable() -> String {
        var lines = ["| case | k | m | layers | SNR dB | weakest dir. dB | nica counts | linear MDL | MCC | KL (largest k + 1) |",
                     "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for (name, runs) in Dictionary(grouping: outcomes, by: \.name).sorted(by: { $0.key < $1.key }) {
            let first = runs[0]
            let counts = runs.map { "\($0.sources)" }.joined(separator: ",")
            let mcc = runs.compactMap(\.mcc)
            let kl = first.klSorted.prefix(first.k + 1).map { String(format: "%.2f", $0) }.joined(separator: " ")
            lines.append("| \(name) | \(first.k) | \(first.m) | \(first.layers) | \(first.snrDB.map { String(format: "%.1f", $0) } ?? "∞") | "
                         + "\(first.weakestDirectionSNRDB.map { String(format: "%.1f", $0) } ?? "–") | "
                         + "\(counts) | \(first.linearMDL) | \(mcc.isEmpty ? "–" : String(format: "%.2f", mcc.reduce(0, +) / Double(mcc.count))) | \(kl) |")
        }
        return lines.joined(separator: "\n")
    }

    private func percent(_ x: Double) -> String { String(format: "%.0f %%", 100 * x) }
}
