#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A band-pass filter made of two identical second-order resonators (RBJ "audio EQ
/// cookbook" band-pass biquads, 0 dB peak gain) in cascade. One biquad has Lorentzian skirts
/// that leave ~20 % of the power more than 1.5 bandwidths away; two halve the skirt in dB
/// and keep ~95 % inside, at the cost of a few multiplications per sample.
struct Resonator {
    private var b0 = 0.0, b2 = 0.0, a1 = 0.0, a2 = 0.0
    /// Direct-form-I state of both stages: previous inputs and outputs.
    private var x1 = [0.0, 0.0], x2 = [0.0, 0.0], y1 = [0.0, 0.0], y2 = [0.0, 0.0]

    /// Each stage's −3 dB bandwidth is wider than the cascade's by 1/√(√2 − 1): the
    /// cascade is 3 dB down where each stage is 1.5 dB down.
    static let stageWidening = 1 / (2.0.squareRoot() - 1).squareRoot()

    /// Samples for the filter's ringing to die out to well below 1 % (ten time constants
    /// of the pole radius, per stage).
    let settlingSamples: Int

    /// A band-pass around `centre` Hz whose cascade −3 dB bandwidth is `bandwidth` Hz.
    init(centre: Double, bandwidth: Double, sampleRate: Double) {
        let w0 = 2 * Double.pi * centre / sampleRate
        let q = centre / (bandwidth * Resonator.stageWidening)
        let alpha = sin(w0) / (2 * q)
        let a0 = 1 + alpha
        b0 = alpha / a0
        b2 = -alpha / a0
        a1 = -2 * cos(w0) / a0
        a2 = (1 - alpha) / a0
        settlingSamples = Int((20 / alpha).rounded(.up))
    }

    @inline(__always)
    mutating func process(_ x: Double) -> Double {
        var v = x
        for s in 0..<2 {
            let y = b0 * v + b2 * x2[s] - a1 * y1[s] - a2 * y2[s]
            x2[s] = x1[s]; x1[s] = v
            y2[s] = y1[s]; y1[s] = y
            v = y
        }
        return v
    }
}
