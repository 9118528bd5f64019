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
    /// When set (spectral mode), only directions of the active latents' span whose lag
    /// autocorrelation at the non-overlapping lag is at least this count (`SlowComponents`).
    public var minimumSmoothness: Double?
    /// When set (per-sample mode with the isotropic prior), informative latents that repeat
    /// what the others carry are not counted: while the mean I(μ_j; μ_rest) over the latents
    /// still counted is above this many nats, the most dependent one is dropped
    /// (`RedundantLatents`), unless every latent is informative (`dependenceThreshold`).
    public var maximumDependence: Double?

    public init(klThreshold: Double = 0.1, activeUnitThreshold: Double = 0.01, minimumSmoothness: Double? = nil,
                maximumDependence: Double? = nil) {
        self.klThreshold = klThreshold
        self.activeUnitThreshold = activeUnitThreshold
        self.minimumSmoothness = minimumSmoothness
        self.maximumDependence = maximumDependence
    }

    /// Whether the counting drops redundant latents: a dependence threshold is set and the
    /// count is not the spectral slowness test.
    public var checksDependence: Bool { maximumDependence != nil && minimumSmoothness == nil }

    /// The dependence above which redundant latents are dropped when `informative` of the
    /// model's `latentDimensions` latents carry information: `maximumDependence`, but nil
    /// (measure, drop nothing) when every latent is informative. Every over-count the rule
    /// corrected on generated recordings left some latents unused, while with every latent
    /// informative (per-sample mode: a latent for every channel) the latents of correct
    /// square counts read up to 0.50 nats and the rule cut a source (docs/accuracy.md).
    public func dependenceThreshold(informative: Int, latentDimensions: Int) -> Double? {
        guard checksDependence, informative < latentDimensions else { return nil }
        return maximumDependence
    }
}

/// The outcome of applying a `CountingRule` to `LatentStatistics`.
public struct SourceCount: Codable, Equatable, Sendable {
    /// Estimated number of independent sources: the number of active dimensions.
    public var sources: Int
    /// Active dimensions, largest KL first: as many as `sources`. In spectral mode these are
    /// the `sources` smoothest informative dimensions (the latents the exports lead with); in
    /// per-sample mode the informative ones less `redundantDimensions`.
    public var activeDimensions: [Int]
    /// Dimensions whose KL exceeds the threshold, largest KL first. In per-sample mode they
    /// are the active dimensions and the redundant ones; in spectral mode they may include
    /// latents that model the periodogram's fluctuation.
    public var informativeDimensions: [Int]
    /// Per-sample mode with a dependence threshold: I(μ_j; μ_rest) of the informative
    /// dimensions (nil with fewer than two, or when the rule does not check it).
    public var latentDependence: LatentDependence?
    /// Informative dimensions not counted because the others carry what they carry
    /// (`RedundantLatents`), in the order they were dropped.
    public var redundantDimensions: [Int] = []
    /// All dimensions, largest KL first.
    public var dimensionsByKL: [Int]
    /// Number of dimensions with Var(μ_d) above the active-unit threshold (second, independent signal).
    public var activeUnits: Int
    /// Smallest KL among the informative dimensions (nats); nil when none is.
    public var weakestActiveKL: Double?
    /// Largest KL among the other dimensions (nats); nil when all are informative.
    public var strongestInactiveKL: Double?
    /// weakestActiveKL / strongestInactiveKL: how cleanly the threshold separates the groups
    /// (nil when one group is empty). Large ratios (≫ 10) mean the count does not hinge on the threshold.
    public var gapRatio: Double?
    /// True when the count should be treated with care: the KL gap is narrow (ratio < 5), or
    /// the active-unit count disagrees or latents were dropped as redundant (per-sample
    /// mode), or a slow component's autocorrelation lies within 0.15 of the threshold
    /// (spectral mode).
    public var ambiguous: Bool

    /// Spectral mode: canonical lag autocorrelations of the informative latents' span
    /// (`SlowComponents`), largest first; `sources` counts those above the rule's minimum.
    public var slowComponentAutocorrelations: [Double]?

    /// Applies `rule`. In spectral mode (`rule.minimumSmoothness` set) pass the slow-component
    /// analysis of the informative dimensions: the count is then the number of slowly varying
    /// directions in their span, which leaves out latents that model the periodogram's
    /// window-to-window fluctuation.
    /// `smoothness` (each latent trace's lag autocorrelation) picks the active dimensions
    /// among the informative ones in spectral mode. In per-sample mode pass `redundancy`, the
    /// analysis of the informative dimensions (`informativeDimensions(statistics:rule:)`) when
    /// the rule checks dependence: the latents it keeps are the count.
    public init(statistics: LatentStatistics, rule: CountingRule, slowComponents: SlowComponents? = nil,
                smoothness: [Double]? = nil, redundancy: RedundantLatents? = nil) {
        let kl = statistics.klPerDimension
        let order = Self.dimensionsByKL(statistics)
        let active = order.filter { kl[$0] > rule.klThreshold }
        let inactive = order.filter { kl[$0] <= rule.klThreshold }
        sources = active.count
        informativeDimensions = active
        activeDimensions = active
        if rule.checksDependence, let redundancy {
            precondition(redundancy.initial.dimensions == active, "SourceCount: redundancy of other dimensions")
            latentDependence = redundancy.initial
            redundantDimensions = redundancy.dropped
            activeDimensions = redundancy.kept
            sources = redundancy.kept.count
        }
        if let minimum = rule.minimumSmoothness, let slowComponents {
            sources = slowComponents.count(threshold: minimum)
            slowComponentAutocorrelations = slowComponents.autocorrelations
            if let smoothness {
                let smoothest = Set(active.sorted { smoothness[$0] > smoothness[$1] }.prefix(sources))
                activeDimensions = active.filter(smoothest.contains)
            } else {
                activeDimensions = Array(active.prefix(sources))
            }
        }
        dimensionsByKL = order
        activeUnits = statistics.meanVariance.filter { $0 > rule.activeUnitThreshold }.count
        weakestActiveKL = active.last.map { kl[$0] }
        strongestInactiveKL = inactive.first.map { kl[$0] }
        if let a = weakestActiveKL, let b = strongestInactiveKL {
            gapRatio = a / max(b, 1e-6)
        } else {
            gapRatio = nil
        }
        let narrowGap = gapRatio.map { $0 < 5 } ?? false
        if let minimum = rule.minimumSmoothness, let autocorrelations = slowComponentAutocorrelations {
            ambiguous = narrowGap || autocorrelations.contains { abs($0 - minimum) < 0.15 }
        } else {
            ambiguous = narrowGap || activeUnits != sources || !redundantDimensions.isEmpty
        }
    }

    /// All dimensions, largest KL first (ties in index order).
    static func dimensionsByKL(_ statistics: LatentStatistics) -> [Int] {
        let kl = statistics.klPerDimension
        return kl.indices.sorted { kl[$0] != kl[$1] ? kl[$0] > kl[$1] : $0 < $1 }
    }

    /// The dimensions whose KL passes `rule`, largest KL first: what `RedundantLatents`
    /// examines.
    public static func informativeDimensions(statistics: LatentStatistics, rule: CountingRule) -> [Int] {
        dimensionsByKL(statistics).filter { statistics.klPerDimension[$0] > rule.klThreshold }
    }
}
