import Analysis
import Features
import NicaCore

/// Applies the counting rule to posterior means, the same way for a fresh analysis and for
/// a saved model: per-sample mode counts informative latents; spectral mode counts the slowly
/// varying directions of their span (`SlowComponents`).
enum SourceCounting {
    /// The count and each latent trace's lag autocorrelation (smoothness).
    static func count(means: Matrix, statistics: LatentStatistics, rule: CountingRule,
                      features: FeatureConfig) throws -> (count: SourceCount, smoothness: [Double]) {
        let lag = TemporalSmoothness.nonOverlappingLag(window: features.window, hop: features.hop)
        let smoothness = TemporalSmoothness.lagAutocorrelation(means, lag: lag)
        var slow: SlowComponents? = nil
        if rule.minimumSmoothness != nil {
            let kl = statistics.klPerDimension
            slow = try SlowComponents(means: means, dimensions: kl.indices.filter { kl[$0] > rule.klThreshold }, lag: lag)
        }
        return (SourceCount(statistics: statistics, rule: rule, slowComponents: slow), smoothness)
    }
}
