/// Pre-allocated activations and gradients for batches of up to `batchCapacity` rows, so a
/// training step allocates nothing. One arena holds every buffer.
public final class VAEWorkspace {
    public let batchCapacity: Int
    /// ∂L/∂θ, laid out like the model's parameters.
    public let gradients: UnsafeMutableBufferPointer<Float>
    /// ε ~ N(0, I) for the current batch (`B × K`); the trainer fills it before each step.
    public let eps: UnsafeMutablePointer<Float>
    /// Segment index u of each row of the current batch (conditional prior only); the
    /// trainer fills it with the rows, since minibatches are shuffled.
    public let segments: UnsafeMutablePointer<Int32>

    private let arena: UnsafeMutableBufferPointer<Float>
    private let encoderOut: [UnsafeMutablePointer<Float>]
    private let encoderGrad: [UnsafeMutablePointer<Float>]
    private let decoderOut: [UnsafeMutablePointer<Float>]
    private let decoderGrad: [UnsafeMutablePointer<Float>]
    private let z: UnsafeMutablePointer<Float>
    /// ∂L/∂z: its own slot, since z itself is still read by the first decoder layer's backward.
    private let dz: UnsafeMutablePointer<Float>
    private let scratch: UnsafeMutablePointer<Float>
    private let latent: Int

    public init(model: VAE, batchCapacity: Int) {
        let arch = model.architecture
        self.batchCapacity = batchCapacity
        self.latent = arch.latentSize
        let enc = arch.encoderShapes.map(\.outSize), dec = arch.decoderShapes.map(\.outSize)
        let perRow = 2 * (enc.reduce(0, +) + dec.reduce(0, +)) + 3 * arch.latentSize
        let total = batchCapacity * perRow + 2 * arch.inputSize
        arena = .allocate(capacity: total)
        arena.initialize(repeating: 0)
        var cursor = arena.baseAddress!
        func take(_ n: Int) -> UnsafeMutablePointer<Float> { defer { cursor += n }; return cursor }
        encoderOut = enc.map { take(batchCapacity * $0) }
        encoderGrad = enc.map { take(batchCapacity * $0) }
        decoderOut = dec.map { take(batchCapacity * $0) }
        decoderGrad = dec.map { take(batchCapacity * $0) }
        z = take(batchCapacity * arch.latentSize)
        eps = take(batchCapacity * arch.latentSize)
        dz = take(batchCapacity * arch.latentSize)
        scratch = take(2 * arch.inputSize)
        gradients = .allocate(capacity: model.layout.count)
        gradients.initialize(repeating: 0)
        segments = .allocate(capacity: batchCapacity)
        segments.initialize(repeating: 0, count: batchCapacity)
    }

    deinit {
        arena.deallocate()
        gradients.deallocate()
        segments.deallocate()
    }

    /// Encoder forward pass; returns the `B × 2K` output (μ | raw log σ²), valid until the next call.
    public func encoderForward(model: VAE, input: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
        forward(model: model, layers: model.layout.encoder, outputs: encoderOut, input: input, batch: batch)
    }

    /// Decoder forward pass of `batch` latent rows (`B × K`); returns the `B × F` means
    /// f(z), valid until the next call.
    public func decoderForward(model: VAE, latent: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
        forward(model: model, layers: model.layout.decoder, outputs: decoderOut, input: latent, batch: batch)
    }

    /// The dense layers `layers` in order, each writing its slot of `outputs`, the hidden
    /// nonlinearity between them and none after the last.
    private func forward(model: VAE, layers: [ParameterLayout.Dense], outputs: [UnsafeMutablePointer<Float>],
                         input: UnsafePointer<Float>, batch: Int) -> UnsafePointer<Float> {
        precondition(batch <= batchCapacity)
        let p = UnsafePointer(model.parameters.baseAddress!)
        let hidden = model.architecture.hiddenLayerActivation
        var inp = input
        for (i, d) in layers.enumerated() {
            denseForward(out: outputs[i], inp: inp, weight: p + d.weight, bias: p + d.bias,
                         batch: batch, inSize: d.inSize, outSize: d.outSize,
                         activation: i == layers.count - 1 ? .identity : hidden)
            inp = UnsafePointer(outputs[i])
        }
        return inp
    }

    /// The terms of one step's loss, in nats per observation.
    public struct Loss: Sendable {
        /// −ELBO-style objective: reconstruction + klWeight · KL.
        public var total: Double
        /// E_q[−log p(x|z)], one-sample estimate.
        public var reconstruction: Double
        /// KL(q(z|x) ‖ p(z)), analytic.
        public var kl: Double
    }

    /// Forward and backward pass of the minibatch objective
    /// L = (1/B) Σ_b [−log p(x_b|z_b) + klWeight · KL(q(z|x_b) ‖ p(z))], z_b = μ + σ ⊙ ε_b with the
    /// ε already in `eps`. Zeroes and then fills `gradients` with ∂L/∂θ.
    public func lossAndGradient(model: VAE, input: UnsafePointer<Float>, batch: Int, klWeight: Float = 1) -> Loss {
        let arch = model.architecture, layout = model.layout
        let p = UnsafePointer(model.parameters.baseAddress!)
        let g = gradients.baseAddress!
        let hidden = arch.hiddenLayerActivation
        let k = arch.latentSize, f = arch.inputSize
        gradients.update(repeating: 0)

        let encoded = encoderForward(model: model, input: input, batch: batch)
        let klSum: Double
        if let pm = layout.priorMeans, let pv = layout.priorLogVariances {
            klSum = conditionalLatentForward(z: z, encoded: encoded, eps: eps, segments: segments,
                                             priorMean: p + pm, priorLogVariance: p + pv, batch: batch, latent: k)
        } else {
            klSum = latentForward(z: z, encoded: encoded, eps: eps, batch: batch, latent: k)
        }

        let dec = layout.decoder
        let inp = decoderForward(model: model, latent: z, batch: batch)
        let nllSum = gaussianNLLForwardBackward(
            dxhat: decoderGrad[dec.count - 1], dlogGamma: g + layout.decoderLogVariance,
            x: input, xhat: inp, logGamma: p + layout.decoderLogVariance, scratch: scratch,
            batch: batch, features: f)

        for i in stride(from: dec.count - 1, through: 0, by: -1) {
            let d = dec[i]
            let layerIn = i == 0 ? UnsafePointer(z) : UnsafePointer(decoderOut[i - 1])
            let dIn = i == 0 ? dz : decoderGrad[i - 1]
            denseBackward(dinp: dIn, dweight: g + d.weight, dbias: g + d.bias, dout: decoderGrad[i],
                          out: decoderOut[i], inp: layerIn, weight: p + d.weight,
                          batch: batch, inSize: d.inSize, outSize: d.outSize,
                          activation: i == dec.count - 1 ? .identity : hidden)
        }
        let enc = layout.encoder
        if let pm = layout.priorMeans, let pv = layout.priorLogVariances {
            conditionalLatentBackward(dencoded: encoderGrad[enc.count - 1], dPriorMean: g + pm,
                                      dPriorLogVariance: g + pv, dz: dz, encoded: encoded, eps: eps,
                                      segments: segments, priorMean: p + pm, priorLogVariance: p + pv,
                                      batch: batch, latent: k, klWeight: klWeight)
        } else {
            latentBackward(dencoded: encoderGrad[enc.count - 1], dz: dz, encoded: encoded,
                           eps: eps, batch: batch, latent: k, klWeight: klWeight)
        }
        for i in stride(from: enc.count - 1, through: 0, by: -1) {
            let d = enc[i]
            let layerIn = i == 0 ? input : UnsafePointer(encoderOut[i - 1])
            denseBackward(dinp: i == 0 ? nil : encoderGrad[i - 1], dweight: g + d.weight, dbias: g + d.bias,
                          dout: encoderGrad[i], out: encoderOut[i], inp: layerIn, weight: p + d.weight,
                          batch: batch, inSize: d.inSize, outSize: d.outSize,
                          activation: i == enc.count - 1 ? .identity : hidden)
        }
        let n = Double(batch)
        return Loss(total: (nllSum + Double(klWeight) * klSum) / n, reconstruction: nllSum / n, kl: klSum / n)
    }
}
