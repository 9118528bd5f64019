import Model

/// One model shape to benchmark: the architecture and the minibatch size. The two reference
/// configurations match `reference_vae.py` (leaky ReLU slope 0.01, learned decoder
/// log-variance, Adam at 1e-3).
public struct ModelBenchmarkConfig: Codable, Equatable, Sendable {
    public var name: String
    public var architecture: VAEArchitecture
    public var batchSize: Int

    public init(name: String, architecture: VAEArchitecture, batchSize: Int) {
        self.name = name
        self.architecture = architecture
        self.batchSize = batchSize
    }

    /// Spectral mode: 2 channels × 129 log-power bins = 258 → 256-256 → z16 → 256-256 → 258, batch 256.
    public static let spectral = ModelBenchmarkConfig(
        name: "spectral",
        architecture: VAEArchitecture(inputSize: 258, hiddenSizes: [256, 256], latentSize: 16, leakySlope: 0.01),
        batchSize: 256)

    /// Per-sample mode: 8 channels → 64-64 → z8 → 64-64 → 8, batch 512.
    public static let perSample = ModelBenchmarkConfig(
        name: "per-sample",
        architecture: VAEArchitecture(inputSize: 8, hiddenSizes: [64, 64], latentSize: 8, leakySlope: 0.01),
        batchSize: 512)

    /// Both reference configurations, spectral first.
    public static let reference: [ModelBenchmarkConfig] = [.spectral, .perSample]

    /// Dense-layer flops per observation of one training step: forward, and twice that for
    /// the backward pass (input and weight gradients), 3 · Σ 2·in·out over all layers — the
    /// count the reference uses.
    public var trainFlopsPerSample: Int { 3 * architecture.flopsPerSample.forward }

    /// Dense-layer flops per observation of encoding: Σ 2·in·out over the encoder layers.
    public var encodeFlopsPerSample: Int { architecture.flopsPerSample.encode }
}
