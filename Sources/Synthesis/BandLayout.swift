#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NicaCore

/// Where the spectral family's bands sit: centre frequencies log-spaced over
/// `[lower, upper] × sampleRate` with random jitter, and bandwidths proportional to the
/// centre frequency (constant Q, as in auditory and EEG bands), narrowed when needed so
/// neighbouring bands stay at least `minSeparation` bandwidths apart and barely overlap.
struct BandLayout {
    var centres: [Double]
    var bandwidths: [Double]

    /// Jitter of each centre, as a fraction of one log-spaced step (±).
    static let jitter = 0.2
    /// Smallest gap between neighbouring centres, in bandwidths of the upper band.
    static let minSeparation = 3.0

    /// `k` bands between `lower·sampleRate` and `upper·sampleRate`; `relativeBandwidth` is
    /// the desired bandwidth / centre ratio (0.1 ≈ Q of 10).
    static func random(k: Int, sampleRate: Double, lower: Double, upper: Double,
                       relativeBandwidth: Double, rng: inout SeededRNG) -> BandLayout {
        let step = log(upper / lower) / Double(k)
        var centres = [Double]()
        for j in 0..<k {
            let position = Double(j) + 0.5 + rng.uniform(-jitter, jitter)
            centres.append(lower * sampleRate * exp(position * step))
        }
        // Neighbours are at least (1 − 2·jitter) steps apart in log frequency.
        var relative = relativeBandwidth
        if k > 1 {
            let ratio = exp((1 - 2 * jitter) * step)
            relative = min(relative, (ratio - 1) / (minSeparation * ratio))
        }
        return BandLayout(centres: centres, bandwidths: centres.map { $0 * relative })
    }
}
