/// Where each tensor lives in the one flat parameter buffer. Gradients and both Adam moments
/// use the same layout, so the optimiser is a single loop over the buffer.
public struct ParameterLayout: Equatable, Sendable {
    /// Offsets of one dense layer: weight `inSize × outSize` (row-major, so `y = x·W + b`), bias `outSize`.
    public struct Dense: Equatable, Sendable {
        public var weight: Int
        public var bias: Int
        public var inSize: Int
        public var outSize: Int
    }

    public var encoder: [Dense]
    public var decoder: [Dense]
    /// Offset of the decoder's per-feature log-variance (log γ²), `inputSize` values.
    public var decoderLogVariance: Int
    /// Offset of the conditional prior's means m_u, `U × K` row-major, placed after the
    /// decoder log-variance; nil for the isotropic prior (whose layout is unchanged).
    public var priorMeans: Int?
    /// Offset of the conditional prior's log-variances log v_u, `U × K`, after the means.
    public var priorLogVariances: Int?
    /// Total number of parameters.
    public var count: Int

    public init(_ architecture: VAEArchitecture) {
        var offset = 0
        func place(_ shapes: [(inSize: Int, outSize: Int)]) -> [Dense] {
            shapes.map { shape in
                let d = Dense(weight: offset, bias: offset + shape.inSize * shape.outSize,
                              inSize: shape.inSize, outSize: shape.outSize)
                offset += shape.inSize * shape.outSize + shape.outSize
                return d
            }
        }
        encoder = place(architecture.encoderShapes)
        decoder = place(architecture.decoderShapes)
        decoderLogVariance = offset
        offset += architecture.inputSize
        if architecture.segmentCount > 0 {
            let size = architecture.segmentCount * architecture.latentSize
            priorMeans = offset
            priorLogVariances = offset + size
            offset += 2 * size
        }
        count = offset
    }

    /// Named tensors in buffer order, for model files: (name, offset, shape).
    public var tensors: [(name: String, offset: Int, shape: [Int])] {
        var out: [(String, Int, [Int])] = []
        for (i, d) in encoder.enumerated() {
            out.append(("encoder.\(i).weight", d.weight, [d.inSize, d.outSize]))
            out.append(("encoder.\(i).bias", d.bias, [d.outSize]))
        }
        for (i, d) in decoder.enumerated() {
            out.append(("decoder.\(i).weight", d.weight, [d.inSize, d.outSize]))
            out.append(("decoder.\(i).bias", d.bias, [d.outSize]))
        }
        out.append(("decoder.log_variance", decoderLogVariance, [(priorMeans ?? count) - decoderLogVariance]))
        if let priorMeans, let priorLogVariances {
            let size = priorLogVariances - priorMeans
            let latent = decoder.first?.inSize ?? 0
            out.append(("prior.mean", priorMeans, [size / max(latent, 1), latent]))
            out.append(("prior.log_variance", priorLogVariances, [size / max(latent, 1), latent]))
        }
        return out
    }
}
