import Linalg
import NicaCore

/// The practical ceiling for a configuration: every matrix product of one training step
/// (per dense layer: forward `B×I · I×O`, weight gradient `Iᵀ·δ`, input gradient `δ·Wᵀ`) and
/// of one encoding step (the encoder's forward products), as bare `cblas_sgemm` calls with
/// nothing in between. A model implementation can approach but not beat these rates.
public struct GemmCeilingResult: Codable, Equatable, Sendable {
    /// Observations per second if a training step were only its matrix products.
    public var trainSamplesPerSecond: RateSummary
    /// Observations per second if encoding were only its matrix products.
    public var encodeSamplesPerSecond: RateSummary
    /// GFLOP/s of the training products (same flop count as the model's figure).
    public var trainGFLOPS: RateSummary
    /// GFLOP/s of the encoder products.
    public var encodeGFLOPS: RateSummary
}

/// The buffers and products of the ceiling for one configuration. Separate input, weight,
/// delta and result buffers per layer, so the products touch memory of the same sizes as
/// the model's.
final class GemmCeilingKernel {
    private let layers: [(inSize: Int, outSize: Int)]
    private let encoderCount: Int
    private let batch: Int
    private let inputs, weights, outputs, weightGrads, inputGrads: [UnsafeMutablePointer<Float>]

    init(_ config: ModelBenchmarkConfig, seed: UInt64) {
        let arch = config.architecture
        let layers = arch.encoderShapes + arch.decoderShapes
        let batch = config.batchSize
        var rng = SeededRNG(seed: seed)
        func buffer(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            for i in 0..<n { p[i] = rng.uniform() - 0.5 }
            return p
        }
        self.layers = layers
        self.batch = batch
        encoderCount = arch.encoderShapes.count
        inputs = layers.map { buffer(batch * $0.inSize) }
        weights = layers.map { buffer($0.inSize * $0.outSize) }
        outputs = layers.map { buffer(batch * $0.outSize) }
        weightGrads = layers.map { buffer($0.inSize * $0.outSize) }
        inputGrads = layers.map { buffer(batch * $0.inSize) }
    }

    deinit { for p in inputs + weights + outputs + weightGrads + inputGrads { p.deallocate() } }

    private func forward(_ l: Int) {
        let s = layers[l]
        gemm(transA: false, transB: false, m: batch, n: s.outSize, k: s.inSize, alpha: 1,
             a: inputs[l], lda: s.inSize, b: weights[l], ldb: s.outSize, beta: 0, c: outputs[l], ldc: s.outSize)
    }

    /// The products of one training step.
    func trainStep() {
        for l in layers.indices { forward(l) }
        for l in layers.indices.reversed() {
            let s = layers[l]
            // Weight gradients overwrite (beta 0): accumulating would grow without bound over
            // thousands of steps; the cost is the same.
            gemm(transA: true, transB: false, m: s.inSize, n: s.outSize, k: batch, alpha: 1,
                 a: inputs[l], lda: s.inSize, b: outputs[l], ldb: s.outSize, beta: 0, c: weightGrads[l], ldc: s.outSize)
            gemm(transA: false, transB: true, m: batch, n: s.inSize, k: s.outSize, alpha: 1,
                 a: outputs[l], lda: s.outSize, b: weights[l], ldb: s.outSize, beta: 0, c: inputGrads[l], ldc: s.inSize)
        }
    }

    /// The products of one encoding step.
    func encodeStep() { for l in 0..<encoderCount { forward(l) } }
}
