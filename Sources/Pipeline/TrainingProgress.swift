import Analysis
import Model
import NicaCore

/// Progress after one training epoch, for progress lines and machine-readable events.
public struct TrainingProgress: Equatable, Sendable {
    public var record: EpochRecord
    /// The number of epochs training will run (`--epochs`); nil when it runs until converged,
    /// whose end is not known in advance.
    public var epochLimit: Int?
    /// Latent dimensions whose KL (nats) on a fixed probe of observations exceeds the
    /// counting threshold: the count the run would report if it stopped now.
    public var activeEstimate: Int
    /// Wall-clock seconds since this restart's training started.
    public var elapsedSeconds: Double
    /// Which training run this is (1-based) of how many (`--restarts`).
    public var restart: Int
    public var restarts: Int

    public init(record: EpochRecord, epochLimit: Int?, activeEstimate: Int, elapsedSeconds: Double,
                restart: Int = 1, restarts: Int = 1) {
        self.record = record
        self.epochLimit = epochLimit
        self.activeEstimate = activeEstimate
        self.elapsedSeconds = elapsedSeconds
        self.restart = restart
        self.restarts = restarts
    }

    /// Seconds left, extrapolated from the mean epoch time so far; nil when training runs
    /// until converged.
    public var etaSeconds: Double? {
        guard let epochLimit, record.epoch > 0 else { return nil }
        return elapsedSeconds / Double(record.epoch) * Double(max(epochLimit - record.epoch, 0))
    }
}

/// The observations the per-epoch active-count estimate encodes: at most `maxRows` rows
/// spread evenly over the data (a fixed subset, so epochs are comparable; encoding it
/// costs a small fraction of an epoch).
struct ActiveCountProbe {
    static let maxRows = 512
    let rows: Matrix
    let rule: CountingRule

    init(features: Matrix, rule: CountingRule) {
        let n = features.rows, m = min(n, Self.maxRows)
        rows = features.gatherRows((0..<m).map { $0 * n / max(m, 1) })
        self.rule = rule
    }

    func activeCount(_ model: VAE) -> Int {
        let (mean, logVar) = model.encode(rows)
        return LatentStatistics(mean: mean, logVariance: logVar).klPerDimension.filter { $0 > rule.klThreshold }.count
    }
}
