#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NicaCore

/// The independent positive amplitude envelope of a spectral source:
/// `e(t) = exp(σ · z(t))`, where `z` is white Gaussian noise low-passed by a cascade of
/// one-pole filters with time constant τ and rescaled to zero mean and unit variance over
/// the recording. The log-envelope is then a smooth Gaussian process with standard
/// deviation σ (nepers; σ = 0.8 swings the power by ±7 dB per standard deviation), the
/// quantity a spectral model's latents should track.
enum SlowEnvelope {
    /// One-pole stages in the cascade: three make the log-envelope smooth (its spectrum
    /// falls at 18 dB/octave) rather than a jagged random walk.
    static let stages = 3
    /// Time constants simulated before the recording starts, so it begins in steady state.
    static let burnInTimeConstants = 5.0

    static func generate(sigma: Double, timeConstant: Double, sampleRate: Double, frames: Int,
                         rng: inout SeededRNG) -> [Double] {
        let a = exp(-1 / (timeConstant * sampleRate))
        var state = [Double](repeating: 0, count: stages)
        @inline(__always) func step(_ input: Double) -> Double {
            var v = input
            for s in 0..<stages {
                state[s] = a * state[s] + (1 - a) * v
                v = state[s]
            }
            return v
        }
        let burnIn = Int((burnInTimeConstants * timeConstant * sampleRate).rounded(.up))
        for _ in 0..<burnIn { _ = step(Double(rng.normal())) }
        var z = [Double](repeating: 0, count: frames)
        for t in 0..<frames { z[t] = step(Double(rng.normal())) }
        ChannelArrays.standardise(&z)
        return z.map { exp(sigma * $0) }
    }
}
