#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The elementwise nonlinearity of the random mixing network.
///
/// Both are invertible, which keeps the mixing a bijection onto its image (the
/// identifiability condition of Hyvärinen & Morioka 2016 and Khemakhem et al. 2020).
public enum MixingActivation: String, Codable, CaseIterable, Sendable {
    /// `max(x, 0.2·x)`: the leaky ReLU of the TCL / iVAE simulation protocol.
    case leakyReLU
    /// `tanh(x) + 0.1·x`: saturates for |x| > 1 yet stays strictly increasing.
    case tanhLinear

    /// Negative-side slope of `leakyReLU`.
    public static let leakySlope = 0.2
    /// Linear term of `tanhLinear`, which keeps its derivative ≥ 0.1 so it stays invertible.
    public static let tanhLinearSlope = 0.1

    @inline(__always)
    public func apply(_ x: Double) -> Double {
        switch self {
        case .leakyReLU: return x >= 0 ? x : MixingActivation.leakySlope * x
        case .tanhLinear: return tanh(x) + MixingActivation.tanhLinearSlope * x
        }
    }

    /// d/dx of `apply` (the leaky ReLU's slope 1 at 0, as `apply` takes that branch there).
    @inline(__always)
    public func derivative(_ x: Double) -> Double {
        switch self {
        case .leakyReLU: return x >= 0 ? 1 : MixingActivation.leakySlope
        case .tanhLinear:
            let t = tanh(x)
            return 1 - t * t + MixingActivation.tanhLinearSlope
        }
    }
}
