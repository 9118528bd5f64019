/// Parses decimal numbers from CSV bytes without building a `String` per field.
///
/// Why: converting each field to a `String` and calling the standard library's parser costs
/// several times more than scanning the bytes. The fast path handles the plain form
/// `[+-]digits[.digits][(e|E)[+-]digits]` with at most 19 significant digits, and relies on
/// Clinger's observation (Clinger 1990, "How to read floating point numbers accurately"):
/// when the digits fit a Double exactly (≤ 2^53) and the power of ten is at most 10^22, one
/// IEEE multiplication or division by the exact power gives the correctly rounded Double.
/// For Float the Double is rounded once more, which can only differ from the correctly
/// rounded Float when the Double sits exactly on a midpoint between two Floats (any such
/// midpoint is itself a Double, so it would otherwise be closer to the true value); that
/// case, subnormal results and every other form ("nan", "inf", hex, ".5", more digits,
/// larger exponents) go to the standard library's parser, so results are identical to
/// `Float(String)` / `Double(String)` for every input.
enum DecimalParser {
    /// Exact powers of ten as Doubles, 10^0 … 10^22.
    private static let powersOfTen: [Double] = (0...22).map { e in
        var p = 1.0
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// The value of `count` bytes at `p` as a Float, or nil if they are not a number; the
    /// same result as `Float(String(decoding:as:))`.
    @inline(__always)
    static func float(_ p: UnsafePointer<UInt8>, count: Int) -> Float? {
        if let d = fastDouble(p, count: count) {
            let f = Float(d)
            // Exact zero, or a normal Float not produced from a Float midpoint.
            let bits = d.bitPattern & 0x1FFF_FFFF
            if d == 0 || (f.isNormal && bits != 0x1000_0000) { return f }
        }
        return Float(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
    }

    /// The value of `count` bytes at `p` as a Double, or nil if they are not a number; the
    /// same result as `Double(String(decoding:as:))`.
    @inline(__always)
    static func double(_ p: UnsafePointer<UInt8>, count: Int) -> Double? {
        if let d = fastDouble(p, count: count) { return d }
        return Double(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
    }

    /// The correctly rounded Double of the plain decimal form, or nil when the fast path does
    /// not apply (which does not mean the bytes are not a number).
    @inline(__always)
    static func fastDouble(_ p: UnsafePointer<UInt8>, count: Int) -> Double? {
        var i = 0
        var negative = false
        if i < count && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits kept in `mantissa`
        var exponent = 0        // power of ten applied to `mantissa`
        let integerStart = i
        while i < count, p[i] &- UInt8(ascii: "0") < 10 {
            let d = UInt64(p[i] &- UInt8(ascii: "0"))
            if mantissa != 0 || d != 0 {
                digits += 1
                mantissa = mantissa &* 10 &+ d
            }
            i += 1
        }
        if i == integerStart { return nil }
        if i < count && p[i] == UInt8(ascii: ".") {
            i += 1
            let fractionStart = i
            while i < count, p[i] &- UInt8(ascii: "0") < 10 {
                let d = UInt64(p[i] &- UInt8(ascii: "0"))
                if mantissa != 0 || d != 0 {
                    digits += 1
                    mantissa = mantissa &* 10 &+ d
                }
                exponent -= 1
                i += 1
            }
            if i == fractionStart { return nil }
        }
        if digits > 19 { return nil }
        if i < count && (p[i] == UInt8(ascii: "e") || p[i] == UInt8(ascii: "E")) {
            i += 1
            var negativeExponent = false
            if i < count && (p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+")) {
                negativeExponent = p[i] == UInt8(ascii: "-")
                i += 1
            }
            let exponentStart = i
            var e = 0
            while i < count, p[i] &- UInt8(ascii: "0") < 10 {
                if e < 10_000 { e = e * 10 + Int(p[i] &- UInt8(ascii: "0")) }
                i += 1
            }
            if i == exponentStart { return nil }
            exponent += negativeExponent ? -e : e
        }
        if i != count { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        guard mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let m = Double(mantissa)
        let value = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
        return negative ? -value : value
    }
}
