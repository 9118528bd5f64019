extension SourceCount {
    /// The count of a method without per-dimension KL (linear ICA): every one of the
    /// `componentCount` components is a source, in component order; `meanVariance` gives the
    /// active-unit count.
    public init(componentCount: Int, meanVariance: [Double], rule: CountingRule) {
        sources = componentCount
        activeDimensions = Array(0..<componentCount)
        informativeDimensions = activeDimensions
        dimensionsByKL = Array(0..<componentCount)
        activeUnits = meanVariance.filter { $0 > rule.activeUnitThreshold }.count
        weakestActiveKL = nil
        strongestInactiveKL = nil
        gapRatio = nil
        ambiguous = false
    }
}
