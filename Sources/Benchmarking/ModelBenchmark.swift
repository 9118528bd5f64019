import Linalg
import Model
import NicaCore

/// Training and encoding throughput of one model configuration, through the same code the
/// trainer runs (`VAEWorkspace.lossAndGradient`, `Adam.update`, the ε fill), on a fixed set
/// of standard-normal data (32 batches, visited in turn, as the reference does).
public struct ModelBenchmarkResult: Codable, Equatable, Sendable {
    public var config: ModelBenchmarkConfig
    /// Observations per second of full training steps (forward, backward, Adam).
    public var trainSamplesPerSecond: RateSummary
    /// Observations per second of the encoder forward pass alone.
    public var encodeSamplesPerSecond: RateSummary
    /// `trainSamplesPerSecond` × `config.trainFlopsPerSample` / 1e9.
    public var trainGFLOPS: RateSummary
    /// `encodeSamplesPerSecond` × `config.encodeFlopsPerSample` / 1e9.
    public var encodeGFLOPS: RateSummary
    /// The same layer shapes as bare `cblas_sgemm` calls, timed in blocks alternating with
    /// the model's.
    public var ceiling: GemmCeilingResult
    /// Training rate over the sgemm ceiling's, block by block (each model block against the
    /// ceiling block timed right after it, so machine load affects both alike).
    public var trainFractionOfCeiling: RateSummary
    /// Encoding rate over the encoder products' ceiling, block by block.
    public var encodeFractionOfCeiling: RateSummary
    /// Loss of the last training step (a sanity check that training ran on numbers).
    public var finalLoss: Double
}

public enum ModelBenchmark {
    /// Number of distinct batches in the fixed data set.
    public static let dataBatches = 32

    /// Runs the training, encoding and sgemm-ceiling benchmarks of `config`, alternating
    /// their timed blocks.
    public static func run(_ config: ModelBenchmarkConfig, settings: BenchmarkSettings) -> ModelBenchmarkResult {
        let arch = config.architecture, batch = config.batchSize
        var rng = SeededRNG(seed: settings.seed)
        let rows = dataBatches * batch
        var data = [Float](repeating: 0, count: rows * arch.inputSize)
        data.withUnsafeMutableBufferPointer { rng.fillNormal($0) }
        let model = VAE(architecture: arch, rng: &rng)
        let workspace = VAEWorkspace(model: model, batchCapacity: batch)
        let adam = Adam(parameterCount: model.layout.count, learningRate: 1e-3)
        let epsBuffer = UnsafeMutableBufferPointer(start: workspace.eps, count: batch * arch.latentSize)
        let gradients = UnsafeBufferPointer(workspace.gradients)
        let kernel = GemmCeilingKernel(config, seed: settings.seed)

        var next = 0
        var lastLoss = 0.0
        var train: [Double] = [], encode: [Double] = [], trainCeiling: [Double] = [], encodeCeiling: [Double] = []
        data.withUnsafeBufferPointer { xs in
            let x = xs.baseAddress!
            func trainStep() {
                let input = x + (next % dataBatches) * batch * arch.inputSize
                next += 1
                rng.fillNormalBatch(epsBuffer)
                lastLoss = workspace.lossAndGradient(model: model, input: input, batch: batch).total
                adam.update(parameters: model.parameters, gradients: gradients)
            }
            func encodeStep() {
                let input = x + (next % dataBatches) * batch * arch.inputSize
                next += 1
                _ = workspace.encoderForward(model: model, input: input, batch: batch)
            }
            for _ in 0..<settings.warmup {
                trainStep()
                kernel.trainStep()
                encodeStep()
                kernel.encodeStep()
            }
            for _ in 0..<max(settings.repeats, 1) {
                train.append(rate(settings, batch, trainStep))
                trainCeiling.append(rate(settings, batch, kernel.trainStep))
                encode.append(rate(settings, batch, encodeStep))
                encodeCeiling.append(rate(settings, batch, kernel.encodeStep))
            }
        }
        let trainRates = RateSummary(train), encodeRates = RateSummary(encode)
        let trainCeilingRates = RateSummary(trainCeiling), encodeCeilingRates = RateSummary(encodeCeiling)
        let trainFlops = Double(config.trainFlopsPerSample) / 1e9, encodeFlops = Double(config.encodeFlopsPerSample) / 1e9
        return ModelBenchmarkResult(
            config: config,
            trainSamplesPerSecond: trainRates, encodeSamplesPerSecond: encodeRates,
            trainGFLOPS: trainRates.scaled(by: trainFlops), encodeGFLOPS: encodeRates.scaled(by: encodeFlops),
            ceiling: GemmCeilingResult(
                trainSamplesPerSecond: trainCeilingRates, encodeSamplesPerSecond: encodeCeilingRates,
                trainGFLOPS: trainCeilingRates.scaled(by: trainFlops),
                encodeGFLOPS: encodeCeilingRates.scaled(by: encodeFlops)),
            trainFractionOfCeiling: RateSummary(zip(train, trainCeiling).map { $0 / $1 }),
            encodeFractionOfCeiling: RateSummary(zip(encode, encodeCeiling).map { $0 / $1 }),
            finalLoss: lastLoss)
    }

    /// Observations per second of `settings.steps` calls of `step`, `samplesPerStep`
    /// observations each.
    static func rate(_ settings: BenchmarkSettings, _ samplesPerStep: Int, _ step: () -> Void) -> Double {
        let seconds = Stopwatch.time(settings.clock) { for _ in 0..<settings.steps { step() } }
        return Double(settings.steps * samplesPerStep) / max(seconds, 1e-12)
    }
}
