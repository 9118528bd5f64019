#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Hann taper applied to each window before its FFT.
///
/// nica uses the *periodic* Hann window, `w[n] = ½ − ½ cos(2πn / W)`, `n = 0 … W−1`
/// (scipy `hann(W, sym=False)`), not the symmetric one (`… / (W − 1)`). The periodic window
/// is one period of a raised cosine, so its DFT has exactly three non-zero coefficients
/// (W/2 at 0, −W/4 at ±1): a cosine on bin k leaks only into bins k ± 1 (amplitude ×W/4 at
/// k, ×W/8 at k ± 1) and overlapping windows at hop W/2 sum to a constant. The symmetric
/// window is meant for filter design, not for spectral analysis.
public enum HannWindow {
    /// The periodic Hann window of `length` samples (`[1]` for length 1), computed in
    /// Float64 and rounded once.
    public static func periodic(_ length: Int) -> [Float] {
        precondition(length >= 1, "HannWindow: length must be ≥ 1")
        if length == 1 { return [1] }
        let step = 2 * Double.pi / Double(length)
        return (0..<length).map { Float(0.5 - 0.5 * cos(step * Double($0))) }
    }

    /// Σ w[n]², the window's energy: the factor by which white noise of unit variance
    /// appears in every power bin, E|X_k|² = σ² Σ w² (= 3W/8 for the periodic Hann, W ≥ 2).
    public static func energy(_ w: [Float]) -> Double {
        w.reduce(0.0) { $0 + Double($1) * Double($1) }
    }
}
