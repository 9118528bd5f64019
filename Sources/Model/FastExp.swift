/// A branch-free exp(x) − 1 for x ≤ 0 that the compiler vectorises, for the ELU activation.
///
/// Why: libm's `expm1f` is one scalar call per element, and an ELU layer calls it for every
/// negative pre-activation in the forward pass; through libm the activation cost more than
/// the matrix products of a 128-wide layer. The algorithm is the textbook range reduction:
///
///   x = n·ln2 + r with n = round(x / ln2), |r| ≤ ln2 / 2   (ln 2 split in a high and a low part)
///   exp(r) ≈ Σ_{j≤6} r^j / j!                              (Horner; truncation < 1.2e-7 relative)
///   exp(x) = 2^n · exp(r)                                  (2^n built from its bit pattern)
///
/// Accuracy: absolute error below 2e-7 for every x ≤ 0 (the result lies in (−1, 0]); x below
/// −87 is treated as −87 (exp(−87) ≈ 1.6e-38, so the result is −1 to Float precision).
/// Positive x is not supported (the ELU never asks for it).
public enum FastExp {
    @usableFromInline static let log2e: Float = 1.442_695_04
    @usableFromInline static let ln2Hi: Float = 0x1.62e300p-1   // 16 significant bits: n·ln2Hi is exact
    @usableFromInline static let ln2Lo: Float = 0x1.2fefa2p-17
    /// 1.5 · 2²³: adding it rounds a Float of magnitude < 2²² to an integer in the low bits.
    @usableFromInline static let roundingShift: Float = 12_582_912

    /// exp(x) − 1 for x ≤ 0.
    @inlinable @inline(__always)
    public static func expm1NonPositive(_ x: Float) -> Float {
        let v = x > -87 ? x : -87
        let shifted = v * log2e + roundingShift
        let n = shifted - roundingShift
        let r = (v - n * ln2Hi) - n * ln2Lo
        var p: Float = 1.0 / 720
        p = p * r + 1.0 / 120
        p = p * r + 1.0 / 24
        p = p * r + 1.0 / 6
        p = p * r + 0.5
        p = p * r + 1
        p = p * r + 1
        // n ∈ [−126, 0] sits in the low bits of `shifted` (its ulp is 1); 2^n is the Float
        // whose exponent field is n + 127.
        let exponent = (shifted.bitPattern &- roundingShift.bitPattern) &+ 127
        let scale = Float(bitPattern: exponent &<< 23)
        return p * scale - 1
    }
}
