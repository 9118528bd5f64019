/// Median, minimum and maximum of one figure over repeated timed blocks. On a shared machine
/// single timings are noise; the median of several blocks, and its spread, are the figure.
public struct RateSummary: Codable, Equatable, Sendable {
    public var median: Double
    public var min: Double
    public var max: Double

    /// The summary of `values` (at least one).
    public init(_ values: [Double]) {
        precondition(!values.isEmpty, "RateSummary: no values")
        let sorted = values.sorted()
        let n = sorted.count
        median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2])
        min = sorted[0]
        max = sorted[n - 1]
    }

    /// Every statistic multiplied by `factor` (> 0), e.g. samples/s → GFLOP/s.
    public func scaled(by factor: Double) -> RateSummary {
        RateSummary(median: median * factor, min: min * factor, max: max * factor)
    }

    private init(median: Double, min: Double, max: Double) {
        self.median = median
        self.min = min
        self.max = max
    }
}
