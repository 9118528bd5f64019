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
    /// Epochs over which the KL weight ramps linearly from 0 to `klWeight` (0 = no warm-up).
    /// Starting with every latent in use and pruning the unneeded ones as the weight reaches
    /// its full value avoids latents that collapse to the prior before they were ever tried
    /// (measured in docs/accuracy.md). Plateau detection starts when the ramp ends.
    public var klWarmupEpochs: Int = 100
    /// Weight β of the KL term once the warm-up has ended (the warm-up ramps it from 0 to β):
    /// 1 is the ELBO; below 1 the objective trusts the data more than the prior, as a β-VAE
    /// (Higgins et al. 2017) with β < 1 does.
    public var klWeight: Float = 1
    /// Upper bound on the decoder's log-variances log γ² (nil = only `LogVarianceClamp`): the
    /// decoder may not call more of the data noise than this (see
    /// `AnalysisSettings.needsDecoderCeiling` for when the analysis sets it).
    public var decoderLogVarianceCeiling: Float? = nil

    public init() {}

    private enum CodingKeys: String, CodingKey {
        case batchSize, learningRate, fixedEpochs, minEpochs, maxEpochs, patience, tolerance, decayFactor, maxDecays
        case klWarmupEpochs, klWeight, decoderLogVarianceCeiling
    }

    /// Decodes training options; those written before the KL weight could be chosen have no
    /// `klWeight` and trained with the ELBO (1).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        batchSize = try c.decode(Int.self, forKey: .batchSize)
        learningRate = try c.decode(Float.self, forKey: .learningRate)
        fixedEpochs = try c.decodeIfPresent(Int.self, forKey: .fixedEpochs)
        minEpochs = try c.decode(Int.self, forKey: .minEpochs)
        maxEpochs = try c.decode(Int.self, forKey: .maxEpochs)
        patience = try c.decode(Int.self, forKey: .patience)
        tolerance = try c.decode(Double.self, forKey: .tolerance)
        decayFactor = try c.decode(Float.self, forKey: .decayFactor)
        maxDecays = try c.decode(Int.self, forKey: .maxDecays)
        klWarmupEpochs = try c.decode(Int.self, forKey: .klWarmupEpochs)
        klWeight = try c.decodeIfPresent(Float.self, forKey: .klWeight) ?? 1
        decoderLogVarianceCeiling = try c.decodeIfPresent(Float.self, forKey: .decoderLogVarianceCeiling)
    }
}

/// One epoch's averages, in nats per observation.
public struct EpochRecord: Codable, Equatable, Sendable {
    public var epoch: Int
    /// Mean negative ELBO (reconstruction + KL) over the epoch's minibatches.
    public var loss: Double
    public var reconstruction: Double
    public var kl: Double
    public var learningRate: Float

    public init(epoch: Int, loss: Double, reconstruction: Double, kl: Double, learningRate: Float) {
        self.epoch = epoch
        self.loss = loss
        self.reconstruction = reconstruction
        self.kl = kl
        self.learningRate = learningRate
    }
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

    /// Mean loss over the last five epochs (nats per observation): the converged objective,
    /// smoothed over the minibatch noise of single epochs.
    public var finalLoss: Double {
        let tail = history.suffix(5)
        return tail.isEmpty ? .infinity : tail.reduce(0) { $0 + $1.loss } / Double(tail.count)
    }
}
