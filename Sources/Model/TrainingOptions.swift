/// How long and how fast to train. The defaults need no tuning: training stops when the
/// epoch objective has stopped improving through `maxDecays` learning-rate halvings
/// (reduce-on-plateau), so the length follows convergence rather than a fixed budget.
public struct TrainingOptions: Codable, Equatable, Sendable {
    /// Observations per minibatch.
    public var batchSize: Int = 256
    /// Adam's initial step size.
    public var learningRate: Float = 1e-3
    /// Train exactly this many epochs (the `--epochs` override); nil = until converged.
    public var fixedEpochs: Int? = nil
    /// Never stop before this many epochs.
    public var minEpochs: Int = 30
    /// Never train longer than this many epochs.
    public var maxEpochs: Int = 3000
    /// Epochs without an improvement larger than `tolerance` before the rate is halved.
    public var patience: Int = 12
    /// Improvement of the best epoch objective (nats per observation) that counts as progress.
    public var tolerance: Double = 0.01
    /// Factor applied to the learning rate on a plateau.
    public var decayFactor: Float = 0.5
    /// Plateaus after which training stops.
    public var maxDecays: Int = 3
    /// Epochs over which the KL weight ramps linearly from 0 to 1 (0 = no warm-up).
    public var klWarmupEpochs: Int = 0

    public init() {}
}

/// One epoch's averages, in nats per observation.
public struct EpochRecord: Codable, Equatable, Sendable {
    public var epoch: Int
    /// Mean negative ELBO (reconstruction + KL) over the epoch's minibatches.
    public var loss: Double
    public var reconstruction: Double
    public var kl: Double
    public var learningRate: Float
}

/// What training did.
public struct TrainingSummary: Codable, Equatable, Sendable {
    public var epochs: Int
    public var steps: Int
    /// Why it stopped: `converged`, `fixed-epochs` or `max-epochs`.
    public var stopReason: String
    /// Times a non-finite loss was recovered from (restore + halve the rate).
    public var recoveries: Int
    public var history: [EpochRecord]

    public init(epochs: Int, steps: Int, stopReason: String, recoveries: Int, history: [EpochRecord]) {
        self.epochs = epochs
        self.steps = steps
        self.stopReason = stopReason
        self.recoveries = recoveries
        self.history = history
    }
}
