import Analysis
import Features
import Model
import NicaCore

/// Applies the counting rule to posterior means, the same way for a fresh analysis and for
/// a saved model: per-sample mode counts informative latents, less those that repeat the
/// others (`RedundantLatents`, when the rule sets a dependence threshold); spectral mode
/// counts the slowly varying directions of their span (`SlowComponents`).
enum SourceCounting {
    /// Encodes `features` batch by batch and counts: the posterior means (nil unless
    /// `keepMeans`), their statistics, the count and each latent trace's smoothness (nil
    /// when the means were not kept). The log-variances only feed the running statistics and
    /// are never held whole; the means are held only when asked for or when the rule needs
    /// them (spectral mode). The dependence test needs only every n-th row's means, so
    /// without the whole means those rows alone are kept. A non-finite KL is a numerical
    /// error, never a count. With a segment-conditioned prior (`segments` gives each row's
    /// segment), the KL is taken against p(z|u).
    static func encodeAndCount(model: VAE, features: Matrix, segments: [Int32]?, rule: CountingRule,
                               config: FeatureConfig, keepMeans: Bool = true) throws
        -> (means: Matrix?, statistics: LatentStatistics, count: SourceCount, smoothness: [Double]?) {
        let k = model.architecture.latentSize
        var accumulator = LatentStatistics.Accumulator(latentCount: k)
        if let segments, let prior = model.conditionalPrior {
            accumulator = LatentStatistics.Accumulator(latentCount: k, segments: segments, priorMean: prior.mean,
                                                       priorLogVariance: prior.logVariance)
        }
        let holdsMeans = keepMeans || rule.minimumSmoothness != nil
        var means: Matrix? = holdsMeans ? Matrix(rows: features.rows, cols: k) : nil
        let stride = DependenceRows.stride(rows: features.rows)
        var sampled: Matrix? = !holdsMeans && rule.checksDependence
            ? Matrix(rows: DependenceRows.count(rows: features.rows), cols: k) : nil
        model.encodeBatches(features) { first, count, mu, logVariance in
            accumulator.add(means: mu, logVariances: logVariance, rows: count)
            means?.data.withUnsafeMutableBufferPointer { (out: inout UnsafeMutableBufferPointer<Float>) in
                (out.baseAddress! + first * k).update(from: mu, count: count * k)
            }
            sampled?.data.withUnsafeMutableBufferPointer { (out: inout UnsafeMutableBufferPointer<Float>) in
                var row = (first + stride - 1) / stride * stride
                while row < first + count {
                    (out.baseAddress! + row / stride * k).update(from: mu + (row - first) * k, count: k)
                    row += stride
                }
            }
        }
        let stats = accumulator.statistics
        guard stats.klPerDimension.allSatisfy({ $0.isFinite }) else {
            throw NicaError.numerical(message: "the encoder produced a non-finite KL")
        }
        guard let kept = means else {
            // Per-sample mode counts from the KL (and the sampled rows' dependence); smoothness
            // plays no part in it.
            let redundant = sampled.flatMap { Self.redundancy(means: $0, statistics: stats, rule: rule) }
            return (nil, stats, SourceCount(statistics: stats, rule: rule, redundancy: redundant), nil)
        }
        let (count, smoothness) = try self.count(means: kept, statistics: stats, rule: rule, features: config)
        return (keepMeans ? kept : nil, stats, count, smoothness)
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
        return (SourceCount(statistics: statistics, rule: rule, slowComponents: slow, smoothness: smoothness,
                            redundancy: Self.redundancy(means: means, statistics: statistics, rule: rule)),
                smoothness)
    }

    /// The dependence analysis of the informative latents, when the rule asks for it; with
    /// every latent informative it is measured and nothing is dropped
    /// (`CountingRule.dependenceThreshold`). `means` are all rows or exactly those
    /// `DependenceRows` picks: the estimate is the same.
    static func redundancy(means: Matrix, statistics: LatentStatistics, rule: CountingRule) -> RedundantLatents? {
        guard rule.checksDependence else { return nil }
        let informative = SourceCount.informativeDimensions(statistics: statistics, rule: rule)
        let threshold = rule.dependenceThreshold(informative: informative.count,
                                                 latentDimensions: statistics.klPerDimension.count)
        return RedundantLatents(means: means, dimensions: informative, threshold: threshold ?? .infinity)
    }
}

/// The rows of the posterior means the dependence test reads: every `stride`-th, as
/// `LatentDependence` thins them, so at most `LatentDependence.defaultMaximumSamples`.
enum DependenceRows {
    static func stride(rows: Int) -> Int { LatentDependence.stride(rows: rows) }

    static func count(rows: Int) -> Int {
        let s = stride(rows: rows)
        return (rows + s - 1) / s
    }
}
