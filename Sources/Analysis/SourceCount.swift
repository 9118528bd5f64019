/// The counting rule: which latent dimensions are active, and so how many sources there are.
///
/// A dimension the model does not use collapses to the prior (KL_d ≈ 0); one that carries
/// information keeps KL_d clearly above zero. With a learned decoder variance trained to
/// convergence the sorted KL values split into two groups separated by a wide gap (active
/// ≳ 0.5 nats, collapsed ≲ 0.02 nats), so a fixed threshold between the groups is
/// robust; the gap itself is reported as evidence.
public struct CountingRule: Codable, Equatable, Sendable {
    /// KL_d (nats) above which a dimension is active.
    public var klThreshold: Double
    /// Var(μ_d) above which a dimension counts as an "active unit" (Burda et al. 2015).
    public var activeUnitThreshold: Double
    /// When set (spectral mode), an active dimension must also have a latent trace at least
    /// this smooth (`TemporalSmoothness` autocorrelation at the non-overlapping lag).
    public var minimumSmoothness: Double?

    public init(klThreshold: Double = 0.1, activeUnitThreshold: Double = 0.01, minimumSmoothness: Double? = nil) {
        self.klThreshold = klThreshold
        self.activeUnitThreshold = activeUnitThreshold
        self.minimumSmoothness = minimumSmoothness
    }
}

/// The outcome of applying a `CountingRule` to `LatentStatistics`.
public struct SourceCount: Codable, Equatable, Sendable {
    /// Estimated number of independent sources: the number of active dimensions.
    public var sources: Int
    /// Active dimensions, largest KL first.
    public var activeDimensions: [Int]
    /// All dimensions, largest KL first.
    public var dimensionsByKL: [Int]
    /// Number of dimensions with Var(μ_d) above the active-unit threshold (second, independent signal).
    public var activeUnits: Int
    /// Smallest KL among the active dimensions (nats); nil when none is active.
    public var weakestActiveKL: Double?
    /// Largest KL among the inactive dimensions (nats); nil when all are active.
    public var strongestInactiveKL: Double?
    /// weakestActiveKL / strongestInactiveKL: how cleanly the threshold separates the groups
    /// (nil when one group is empty). Large ratios (≫ 10) mean the count does not hinge on the threshold.
    public var gapRatio: Double?
    /// True when the two counting signals disagree or the gap is narrow (ratio < 5), so the
    /// count should be treated with care.
    public var ambiguous: Bool

    /// Dimensions that carry information (KL above the threshold) but were not counted because
    /// their traces are not smooth enough (spectral mode), largest KL first.
    public var rejectedAsFluctuation: [Int]

    /// Applies `rule`; `smoothness` (one value per dimension) is required when the rule sets
    /// `minimumSmoothness`.
    public init(statistics: LatentStatistics, rule: CountingRule, smoothness: [Double]? = nil) {
        let kl = statistics.klPerDimension
        let order = kl.indices.sorted { kl[$0] != kl[$1] ? kl[$0] > kl[$1] : $0 < $1 }
        let informative = order.filter { kl[$0] > rule.klThreshold }
        var isSmooth: (Int) -> Bool = { _ in true }
        if let minimum = rule.minimumSmoothness, let smoothness {
            isSmooth = { smoothness[$0] >= minimum }
        }
        let active = informative.filter(isSmooth)
        rejectedAsFluctuation = informative.filter { !isSmooth($0) }
        let inactive = order.filter { kl[$0] <= rule.klThreshold }
        sources = active.count
        activeDimensions = active
        dimensionsByKL = order
        activeUnits = statistics.meanVariance.indices.filter {
            statistics.meanVariance[$0] > rule.activeUnitThreshold && isSmooth($0)
        }.count
        weakestActiveKL = active.last.map { kl[$0] }
        strongestInactiveKL = inactive.first.map { kl[$0] }
        if let a = weakestActiveKL, let b = strongestInactiveKL {
            gapRatio = a / max(b, 1e-6)
        } else {
            gapRatio = nil
        }
        ambiguous = activeUnits != sources || (gapRatio.map { $0 < 5 } ?? false)
    }
}
