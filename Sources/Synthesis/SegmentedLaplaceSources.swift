#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NicaCore

/// Nonstationary non-Gaussian sources of the time-contrastive-learning / iVAE protocol
/// (Hyvärinen & Morioka 2016; Khemakhem et al. 2020): the time axis is cut into segments of
/// equal length, and within each segment source `j` is i.i.d. Laplace with zero mean and a
/// standard deviation drawn independently from U(0.5, 3) per segment and source. The
/// segment index is the auxiliary variable that makes the nonlinear mixture identifiable.
enum SegmentedLaplaceSources {
    static let standardDeviationRange = 0.5..<3.0

    /// `k` sources of `frames` samples, each finally standardised to zero mean and unit
    /// variance over the whole recording (the mixing network's scale then means the same
    /// thing whatever k and the segment draws are). Also returns the drawn per-segment
    /// standard deviations, `[segment][source]`.
    static func generate(k: Int, frames: Int, segmentLength: Int,
                         rng: inout SeededRNG) -> (sources: [[Double]], segmentStandardDeviations: [[Double]]) {
        let segmentCount = (frames + segmentLength - 1) / segmentLength
        // Separate streams for the scales and for each source's samples, so changing k or
        // the segment count does not reshuffle the samples of the sources that remain.
        var scaleRNG = rng.fork()
        var sampleRNGs = (0..<k).map { _ in rng.fork() }

        var scales = [[Double]]()
        scales.reserveCapacity(segmentCount)
        for _ in 0..<segmentCount {
            scales.append((0..<k).map { _ in
                scaleRNG.uniform(standardDeviationRange.lowerBound, standardDeviationRange.upperBound)
            })
        }

        var sources = [[Double]]()
        sources.reserveCapacity(k)
        for j in 0..<k {
            var x = [Double](repeating: 0, count: frames)
            for t in 0..<frames {
                x[t] = laplace(standardDeviation: scales[t / segmentLength][j], rng: &sampleRNGs[j])
            }
            ChannelArrays.standardise(&x)
            sources.append(x)
        }
        return (sources, scales)
    }

    /// One Laplace draw by inverting the CDF: scale b = σ/√2 gives standard deviation σ.
    @inline(__always)
    static func laplace(standardDeviation: Double, rng: inout SeededRNG) -> Double {
        let u = rng.uniformDouble() - 0.5                      // [−0.5, 0.5)
        let tail = max(1 - 2 * abs(u), Double.leastNormalMagnitude)
        let b = standardDeviation / 2.0.squareRoot()
        return u < 0 ? b * log(tail) : -b * log(tail)
    }
}
