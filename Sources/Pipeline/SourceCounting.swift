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
    /// With a segment-conditioned prior (`segments` gives each row's segment), the KL is taken
    /// against p(z|u).
    static func encodeAndCount(model: VAE, features: Matrix, segments: [Int32]?, rule: CountingRule,
                               config: FeatureConfig) throws
        -> (means: Matrix, statistics: LatentStatistics, count: SourceCount, smoothness: [Double]) {
        let (mean, logVar) = model.encode(features)
        var stats = LatentStatistics(mean: mean, logVariance: logVar)
        if let segments, let prior = model.conditionalPrior {
            stats = LatentStatistics(mean: mean, logVariance: logVar, segments: segments,
                                     priorMean: prior.mean, priorLogVariance: prior.logVariance)
        }
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
        return (SourceCount(statistics: statistics, rule: rule, slowComponents: slow, smoothness: smoothness), smoothness)
    }
}
