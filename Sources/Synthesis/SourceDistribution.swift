#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NicaCore

/// The distribution of the segment-wise i.i.d. sources of the `ivae` family, before each
/// segment's standard-deviation multiplier.
public enum SourceDistribution: String, Codable, CaseIterable, Sendable {
    /// Standard normal: identifiable only through the per-segment variances (iVAE).
    case gaussian
    /// Zero-mean Laplace with unit variance: non-Gaussian, so linear ICA also applies.
    case laplace

    /// One draw with zero mean and standard deviation `standardDeviation`.
    @inline(__always)
    func draw(standardDeviation: Double, rng: inout SeededRNG) -> Double {
        switch self {
        case .gaussian:
            // Box–Muller in Float64, one value per pair: the stream stays simple to reproduce.
            let u1 = max(rng.uniformDouble(), Double.leastNormalMagnitude), u2 = rng.uniformDouble()
            return standardDeviation * (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
        case .laplace: return SegmentedLaplaceSources.laplace(standardDeviation: standardDeviation, rng: &rng)
        }
    }
}
