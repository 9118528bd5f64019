import NicaCore

/// The carrier of a spectral-family source, which its slow envelope multiplies.
public enum SpectralSourceKind: String, Codable, CaseIterable, Sendable {
    /// A sinusoid at the band centre with a slow random phase drift (Brownian phase), so its
    /// line has a small nonzero width, like a real oscillator.
    case oscillation
    /// White Gaussian noise band-passed around the band centre: a noise-like source such as
    /// a fan, a vowel formant or a rhythm band of an EEG.
    case narrowBandNoise

    /// The default assignment for `k` sources: ⌈k/2⌉ oscillations and ⌊k/2⌋ noise bands, in
    /// an order shuffled by `rng` so the kind is unrelated to the frequency.
    static func mixed(count k: Int, rng: inout SeededRNG) -> [SpectralSourceKind] {
        var kinds = (0..<k).map { $0 < (k + 1) / 2 ? SpectralSourceKind.oscillation : .narrowBandNoise }
        rng.shuffle(&kinds)
        return kinds
    }
}
