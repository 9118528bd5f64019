/// The nonlinearity between hidden layers of the encoder and the decoder.
public enum HiddenActivation: String, Codable, CaseIterable, Sendable {
    /// max(x, 0) + slope · min(x, 0): piecewise linear, the reference configuration's.
    case leakyReLU = "leaky-relu"
    /// x for x > 0, exp(x) − 1 otherwise (Clevert, Unterthiner & Hochreiter 2016): smooth, like
    /// the mixings nica inverts; with a conditional prior it recovers the sources themselves
    /// more closely (docs/accuracy.md, identifiability).
    case elu
}

/// Shape of the VAE: an MLP encoder `F → H₁ → … → Hₙ → 2K` giving (μ, log σ²), and a mirrored
/// MLP decoder `K → Hₙ → … → H₁ → F` giving the mean of p(x|z), plus one learned Gaussian
/// log-variance per output feature (Dai & Wipf 2019: a learned decoder variance makes the
/// number of active latents track the dimension of the data manifold).
public struct VAEArchitecture: Codable, Equatable, Sendable {
    /// F: features per observation.
    public var inputSize: Int
    /// Encoder hidden widths, input side first; the decoder uses them reversed.
    public var hiddenSizes: [Int]
    /// K: latent dimensions.
    public var latentSize: Int
    /// Negative slope of the leaky ReLU between hidden layers.
    public var leakySlope: Float
    /// Nonlinearity between hidden layers.
    public var hiddenActivation: HiddenActivation = .leakyReLU
    /// U: segments of the conditional prior p(z|u) = N(m_u, diag v_u); 0 = the isotropic
    /// prior N(0, I) (see `conditionalLatentForward`).
    public var segmentCount: Int = 0

    public init(inputSize: Int, hiddenSizes: [Int], latentSize: Int, leakySlope: Float = 0.2,
                segmentCount: Int = 0, hiddenActivation: HiddenActivation = .leakyReLU) {
        self.inputSize = inputSize
        self.hiddenSizes = hiddenSizes
        self.latentSize = latentSize
        self.leakySlope = leakySlope
        self.segmentCount = segmentCount
        self.hiddenActivation = hiddenActivation
    }

    private enum CodingKeys: String, CodingKey {
        case inputSize, hiddenSizes, latentSize, leakySlope, segmentCount, hiddenActivation
    }

    /// Decodes an architecture; one written before conditional priors existed has no
    /// `segmentCount` and gets the isotropic prior (0), one written before the activation
    /// could be chosen has no `hiddenActivation` and gets the leaky ReLU.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        inputSize = try c.decode(Int.self, forKey: .inputSize)
        hiddenSizes = try c.decode([Int].self, forKey: .hiddenSizes)
        latentSize = try c.decode(Int.self, forKey: .latentSize)
        leakySlope = try c.decode(Float.self, forKey: .leakySlope)
        segmentCount = try c.decodeIfPresent(Int.self, forKey: .segmentCount) ?? 0
        hiddenActivation = try c.decodeIfPresent(HiddenActivation.self, forKey: .hiddenActivation) ?? .leakyReLU
    }

    /// The activation of every hidden layer (the output layers of both networks are linear).
    public var hiddenLayerActivation: Activation {
        switch hiddenActivation {
        case .leakyReLU: return .leakyReLU(slope: leakySlope)
        case .elu: return .elu
        }
    }

    /// (in, out) of each encoder layer; the last one outputs μ and log σ² side by side.
    public var encoderShapes: [(inSize: Int, outSize: Int)] {
        let sizes = [inputSize] + hiddenSizes + [2 * latentSize]
        return (0..<(sizes.count - 1)).map { (sizes[$0], sizes[$0 + 1]) }
    }

    /// (in, out) of each decoder layer; the last one outputs the mean of p(x|z).
    public var decoderShapes: [(inSize: Int, outSize: Int)] {
        let sizes = [latentSize] + hiddenSizes.reversed() + [inputSize]
        return (0..<(sizes.count - 1)).map { (sizes[$0], sizes[$0 + 1]) }
    }

    /// Multiply–adds of the dense layers per observation: (encoder only, encoder + decoder).
    public var flopsPerSample: (encode: Int, forward: Int) {
        let enc = encoderShapes.reduce(0) { $0 + 2 * $1.inSize * $1.outSize }
        let dec = decoderShapes.reduce(0) { $0 + 2 * $1.inSize * $1.outSize }
        return (enc, enc + dec)
    }
}
