/// Accuracy of the count over the cases of one family (every case × seed run counts once).
public struct FamilySummary: Codable, Equatable, Sendable {
    public var family: String
    public var cases: Int
    public var runs: Int
    /// Fraction of runs with the exact count.
    public var exact: Double
    /// Fraction of runs with |error| ≤ 1.
    public var withinOne: Double
    public var meanAbsoluteError: Double
    public var meanSignedError: Double
    /// Fraction of cases whose most frequent count over the seeds was returned by ≥ 80 % of them
    /// (4 of 5); nil with a single seed.
    public var seedConsistency: Double?
    /// Fraction of runs where the linear MDL estimate was exact.
    public var linearMDLExact: Double
    public var meanMCC: Double?
    public var meanSeconds: Double

    public init(family: String, outcomes: [CaseOutcome]) {
        self.family = family
        let n = Double(max(outcomes.count, 1))
        runs = outcomes.count
        let byCase = Dictionary(grouping: outcomes, by: \.name)
        cases = byCase.count
        exact = Double(outcomes.filter { $0.error == 0 }.count) / n
        withinOne = Double(outcomes.filter { abs($0.error) <= 1 }.count) / n
        meanAbsoluteError = Double(outcomes.reduce(0) { $0 + abs($1.error) }) / n
        meanSignedError = Double(outcomes.reduce(0) { $0 + $1.error }) / n
        linearMDLExact = Double(outcomes.filter { $0.linearMDL == $0.k }.count) / n
        let mccs = outcomes.compactMap(\.mcc)
        meanMCC = mccs.isEmpty ? nil : mccs.reduce(0, +) / Double(mccs.count)
        meanSeconds = outcomes.reduce(0) { $0 + $1.seconds } / n
        let seedsPerCase = byCase.values.map(\.count).max() ?? 0
        if seedsPerCase > 1 {
            let consistent = byCase.values.filter { runs in
                let counts = Dictionary(grouping: runs, by: \.sources).values.map(\.count).max() ?? 0
                return Double(counts) >= 0.8 * Double(runs.count)
            }.count
            seedConsistency = Double(consistent) / Double(max(byCase.count, 1))
        } else {
            seedConsistency = nil
        }
    }
}
