import Analysis
import Features
import Model
import NicaCore

/// Applies the counting rule to posterior means, the same way for a fresh analysis and for
/// a saved model: per-sample mode counts informative latents; spectral mode counts the slowly
/// varying directions of their span (`SlowComponents`).
enum SourceCounting {
    /// Encodes `features` and counts: posterior means, their statistics, the count and each
    /// latent trace's smoothness. A non-finite KL is a numerical error, never a count.
    static func encodeAndCount(model: VAE, features: Matrix, rule: CountingRule, config: FeatureConfig) throws
        -> (means: Matrix, statistics: LatentStatistics, count: SourceCount, smoothness: [Double]) {
        let (mean, logVar) = model.encode(features)
        let stats = LatentStatistics(mean: mean, logVariance: logVar)
        guard stats.klPerDimension.allSatisfy({ $0.isFinite }) else {
            throw NicaError.numerical(message: "the encoder produced a non-finite KL")
        }
        let (count, smoothness) = try self.count(means: mean, statistics: stats, rule: rule, features: config)
        return (mean, stats, count, smoothness)
    }

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
