#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NicaCore

/// The unit-variance carrier of one spectral source, before its envelope.
enum SpectralCarrier {
    /// Line width of an oscillation (Hz, full width at half maximum of its Lorentzian line)
    /// as a fraction of its band's width: visibly not a pure tone, yet well inside the band.
    static let oscillationLinewidth = 0.1

    /// `frames` samples of the given kind, standardised to zero mean and unit variance.
    static func generate(kind: SpectralSourceKind, centre: Double, bandwidth: Double,
                         sampleRate: Double, frames: Int, rng: inout SeededRNG) -> [Double] {
        var x: [Double]
        switch kind {
        case .oscillation:
            x = oscillation(centre: centre, linewidth: oscillationLinewidth * bandwidth,
                            sampleRate: sampleRate, frames: frames, rng: &rng)
        case .narrowBandNoise:
            x = narrowBandNoise(centre: centre, bandwidth: bandwidth, sampleRate: sampleRate,
                                frames: frames, rng: &rng)
        }
        ChannelArrays.standardise(&x)
        return x
    }

    /// `sin φ(t)` with `φ` advancing by 2π·centre/sampleRate plus Gaussian steps of variance
    /// δ² per sample. Phase diffusion of that rate gives a Lorentzian line of full width
    /// δ²·sampleRate / 2π Hz, so δ is set from the requested line width.
    static func oscillation(centre: Double, linewidth: Double, sampleRate: Double, frames: Int,
                            rng: inout SeededRNG) -> [Double] {
        let twoPi = 2 * Double.pi
        let step = twoPi * centre / sampleRate
        let drift = (twoPi * linewidth / sampleRate).squareRoot()
        var phase = rng.uniform(0, twoPi)
        var x = [Double](repeating: 0, count: frames)
        for t in 0..<frames {
            x[t] = sin(phase)
            phase += step + drift * Double(rng.normal())
            // Keep the phase small so sin() keeps full precision over long recordings.
            if phase >= twoPi { phase -= twoPi } else if phase < 0 { phase += twoPi }
        }
        return x
    }

    /// White Gaussian noise through `Resonator`, after letting the filter settle so the
    /// recording starts in the stationary state rather than with a ramp.
    static func narrowBandNoise(centre: Double, bandwidth: Double, sampleRate: Double, frames: Int,
                                rng: inout SeededRNG) -> [Double] {
        var filter = Resonator(centre: centre, bandwidth: bandwidth, sampleRate: sampleRate)
        for _ in 0..<filter.settlingSamples { _ = filter.process(Double(rng.normal())) }
        var x = [Double](repeating: 0, count: frames)
        for t in 0..<frames { x[t] = filter.process(Double(rng.normal())) }
        return x
    }
}
