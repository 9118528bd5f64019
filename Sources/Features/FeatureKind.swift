/// What one feature row describes about a window of the recording.
///
/// - `raw`: the samples themselves (no taper). With a one-sample window this is the
///   classic nonlinear-ICA observation x(t); with longer windows it is a delay embedding.
/// - `magnitude`: the amplitude spectrum |X_k| of the Hann-tapered window, in signal units
///   × samples (unnormalised DFT). Phase is discarded: it depends on where the window
///   starts, which carries no information about the sources.
/// - `logpower`: log(|X_k|² + ε), natural log of the power spectrum. Power spans many
///   decades; the log makes multiplicative (gain) changes additive and the feature
///   distribution closer to Gaussian, which suits the VAE's likelihood.
public enum FeatureKind: String, CaseIterable, Codable, Sendable {
    case raw
    case magnitude
    case logpower

    /// Whether the feature is computed from a Fourier spectrum (needs a window of ≥ 2 samples).
    public var isSpectral: Bool { self != .raw }
}
