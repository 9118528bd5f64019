/// The kinds of generated recording, by the name used on the command line and in `truth.json`.
///
/// - `linear`: nonstationary Laplace sources through a random well-conditioned matrix.
/// - `nonlinear`: the same sources through a random multilayer perceptron (iVAE protocol).
/// - `spectral`: band-limited sources with independent slow envelopes, for spectrogram models.
/// - `square`: `nonlinear` with as many channels as sources.
/// - `ivae`: the iVAE paper's protocol (40 segments × 1000 samples, 5 Gaussian or Laplace
///   sources, 3-layer tanh(x) + 0.1x MLP, 5 channels), for comparing identifiable models.
public enum GenerationFamily: String, Codable, CaseIterable, Sendable {
    case linear
    case nonlinear
    case spectral
    case square
    case ivae

    /// Whether every sample of the observation is a function of the sources at the same
    /// instant (the identifiable setting of Hyvärinen & Morioka and Khemakhem et al.), as
    /// opposed to the spectral family, where only band-power envelopes are recoverable.
    public var isPerSample: Bool { self != .spectral }

    /// The spec type that generates this family, with its defaults.
    public var defaultSpec: any RecordingSpec {
        switch self {
        case .linear: return LinearSpec()
        case .nonlinear: return NonlinearSpec()
        case .spectral: return SpectralSpec()
        case .square: return SquareSpec()
        case .ivae: return IVAESpec()
        }
    }
}
