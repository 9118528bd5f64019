import ArgumentParser
import Foundation
import Analysis
import Features
import Model
import Pipeline

/// Options of the model, its training and the counting rule, shared by the commands that train.
struct ModelOptions: ParsableArguments {
    @Option(name: .customLong("latent-dim"), help: "Latent dimensions K. (default: channels in per-sample mode, else min(features, 16))")
    var latentDim: Int?

    @Option(help: "Encoder hidden widths, comma-separated; the decoder mirrors them. (default: 256,256 per-sample, 128,128 with --segments; 64,64 spectral)")
    var hidden: String?

    @Option(help: "Nonlinearity between hidden layers: leaky-relu or elu (smooth; with --segments its traces come closer to the sources of a smooth mixing). (default: elu with --segments or --segment-seconds, else leaky-relu)")
    var activation: HiddenActivation?

    @Option(help: "Train exactly this many epochs (passes over the data). (default: until the ELBO converges)")
    var epochs: Int?

    @Option(help: "Minibatch size in observations.")
    var batchSize: Int = 256

    @Option(help: "Adam learning rate (initial step size; halved on each plateau of the ELBO).")
    var learningRate: Float = 1e-3

    @Option(help: "Training runs from different initialisations; the run with the best final ELBO is reported (spectral mode: the one with the most slow components, then the best ELBO).")
    var restarts: Int = 3

    @Option(help: "Epochs over which the KL weight ramps from 0 to --kl-weight at the start of training (0 = none; at most half of --epochs). (default: 100; in per-sample mode 300 for a second training when the first keeps K - 2 or K - 1 latents informative, at least 3)")
    var klWarmup: Int?

    @Option(help: "Weight of the KL term once the warm-up has ended (1 = the ELBO; below 1 the fit to the data weighs more than the prior). (default: 0.8 with --segments or --segment-seconds, else 1)")
    var klWeight: Float?

    @Option(help: "KL (nats) above which a latent dimension is informative; informative latents count as sources unless they repeat the others (--dependence-threshold).")
    var klThreshold: Double = 0.1

    @Option(help: "Per-sample mode: while the informative latents' mean dependence on one another, I(mu_j; mu_rest), is above this many nats, the most dependent one is left out of the count as repeating the others (not when every latent is informative); 100 counts every informative latent. (default: 0.33 without --segments from 20000 samples on, else none)")
    var dependenceThreshold: Double?

    @Option(help: "Random seed: same input, seed and threads give the same report.")
    var seed: UInt64 = 0

    @Option(help: "OpenBLAS threads (1 is fastest for nica's matrix sizes on a busy machine).")
    var threads: Int = 1

    func validate() throws {
        if let latentDim, latentDim < 1 { throw ValidationError("--latent-dim must be at least 1, got \(latentDim)") }
        if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1, got \(epochs)") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        guard learningRate > 0, learningRate.isFinite else { throw ValidationError("--learning-rate must be positive, got \(learningRate)") }
        guard klThreshold >= 0, klThreshold.isFinite else { throw ValidationError("--kl-threshold must be ≥ 0 nats, got \(klThreshold)") }
        if let dependenceThreshold, !(dependenceThreshold > 0 && dependenceThreshold.isFinite) {
            throw ValidationError("--dependence-threshold must be a positive number of nats, got \(dependenceThreshold)")
        }
        guard restarts >= 1 else { throw ValidationError("--restarts must be at least 1, got \(restarts)") }
        if let klWarmup, klWarmup < 0 { throw ValidationError("--kl-warmup must be ≥ 0 epochs, got \(klWarmup)") }
        if let klWeight, !(klWeight > 0 && klWeight.isFinite) {
            throw ValidationError("--kl-weight must be a positive number, got \(klWeight)")
        }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
        _ = try hiddenSizes()
    }

    func hiddenSizes() throws -> [Int]? {
        guard let hidden else { return nil }
        let parts = hidden.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) >= 1 }) else {
            throw ValidationError("--hidden expects positive widths separated by commas (e.g. 64,64), got '\(hidden)'")
        }
        return parts.map { $0! }
    }

    func settings(features: FeatureConfig) -> AnalysisSettings {
        var training = TrainingOptions()
        training.batchSize = batchSize
        training.learningRate = learningRate
        training.fixedEpochs = epochs
        if let klWarmup { training.klWarmupEpochs = klWarmup }
        var settings = AnalysisSettings(features: features, latentDimensions: latentDim, hiddenSizes: try? hiddenSizes(),
                                        training: training, counting: CountingRule(klThreshold: klThreshold, maximumDependence: dependenceThreshold),
                                        seed: seed, threads: threads)
        settings.restarts = restarts
        settings.hiddenActivation = activation
        settings.klWeight = klWeight
        settings.automaticWarmup = klWarmup == nil && epochs == nil
        return settings
    }
}
