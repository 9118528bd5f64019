/// How the spectral family's sources reach the channels.
public enum SpectralMixing: String, Codable, CaseIterable, Sendable {
    /// `x = G s` with positive gains U(0.3, 1): several sources may share one channel
    /// (with m = 1 they simply add), as microphones or electrodes pick up nearby sources.
    case linear
    /// The linear mixture soft-clipped per channel: scaled to unit RMS, then
    /// `y = tanh(d·x)/d` with drive `d` — unity gain for small values, peaks compressed, as
    /// in an overdriven preamplifier. It creates intermodulation between the bands.
    case saturating
}
