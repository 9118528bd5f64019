/// A branch-free natural logarithm for Float32 buffers that the compiler vectorises.
///
/// Why: computing log-power features calls `log` once per feature, which through libm
/// (one scalar call each) costs about as much as the FFT itself. This is the FreeBSD/musl
/// `logf` algorithm without its special-case branches, written as straight-line integer and
/// float arithmetic so an ordinary loop over a contiguous buffer becomes SIMD code:
///
///   x = 2^k · m with m ∈ [√½, √2)   (bit manipulation: exponent and mantissa)
///   f = m − 1,  s = f / (2 + f)      (so log m = log((1 + s)/(1 − s)) = 2s + 2s³/3 + …)
///   log m ≈ f − f²/2 + s·(f²/2 + R(s²)),  R a degree-4 minimax polynomial in s²
///   log x = k·ln2 + log m           (ln 2 split in a high and a low part)
///
/// Accuracy: within about 1 ulp of the correctly rounded result (relative error < 2e-7
/// away from x ≈ 1, absolute error < 1e-7 near it) for every positive normal Float.
/// Inputs below the smallest normal Float (zero, subnormals, negatives) are treated as
/// `Float.leastNormalMagnitude` (log ≈ −87.34), +∞ as `Float.greatestFiniteMagnitude`
/// (log ≈ 88.72): the result is always finite. NaN gives an unspecified finite value.
public enum FastLog {
    // FreeBSD e_logf.c coefficients (|error of R| < 2^-34.24).
    @usableFromInline static let lg1: Float = 0xaaaaaa.0p-24   // 0.66666662693
    @usableFromInline static let lg2: Float = 0xccce13.0p-25   // 0.40000972152
    @usableFromInline static let lg3: Float = 0x91e9ee.0p-25   // 0.28498786688
    @usableFromInline static let lg4: Float = 0xf89e26.0p-26   // 0.24279078841
    @usableFromInline static let ln2Hi: Float = 0x1.62e300p-1    // 6.9313812256e-01, 16 significant bits: k·ln2Hi is exact
    @usableFromInline static let ln2Lo: Float = 0x1.2fefa2p-17   // 9.0580006145e-06

    /// log(x) for one value (same arithmetic as the buffer version).
    @inlinable @inline(__always)
    public static func log(_ x: Float) -> Float {
        // Clamp into the normal range; written with comparisons so it lowers to min/max.
        var v = x > Float.leastNormalMagnitude ? x : Float.leastNormalMagnitude
        v = v < Float.greatestFiniteMagnitude ? v : Float.greatestFiniteMagnitude
        // Subtracting the bits of √½ (0x3f3504f3) puts m = v / 2^k into [√½, √2).
        let ix = v.bitPattern &- 0x3f35_04f3
        let k = Int32(bitPattern: ix) &>> 23
        let m = Float(bitPattern: (ix & 0x007f_ffff) &+ 0x3f35_04f3)
        let f = m - 1
        let s = f / (2 + f)
        let z = s * s
        let w = z * z
        let t1 = w * (lg2 + w * lg4)
        let t2 = z * (lg1 + w * lg3)
        let r = t2 + t1
        let hfsq = 0.5 * f * f
        let dk = Float(k)
        return s * (hfsq + r) + dk * ln2Lo - hfsq + f + dk * ln2Hi
    }

    /// Replaces every element `y` of `buffer` by `log(y + offset)`.
    @inlinable
    public static func logInPlace(_ buffer: UnsafeMutableBufferPointer<Float>, adding offset: Float = 0) {
        guard let p = buffer.baseAddress else { return }
        for i in 0..<buffer.count { p[i] = log(p[i] + offset) }
    }
}
