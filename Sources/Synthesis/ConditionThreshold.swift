import NicaCore

extension RandomMixing {
    /// The `percentile` quantile of the condition number of random `rows × cols` matrices
    /// (entries U(−1, 1), columns normalised) over `draws` draws: the iVAE protocol's
    /// "well-conditioned" threshold (Khemakhem et al. 2020 use the 25th percentile of 10,000
    /// draws). A fixed threshold such as 5 is met by almost no square matrix beyond 10 × 10.
    /// Deterministic for a given seed.
    public static func conditionPercentile(rows: Int, cols: Int, percentile: Double = 0.25,
                                           draws: Int = 2000, seed: UInt64 = 0x5EED) throws -> Double {
        precondition(draws > 0 && percentile >= 0 && percentile <= 1)
        var rng = SeededRNG(seed: seed)
        var values = [Double]()
        values.reserveCapacity(draws)
        for _ in 0..<draws {
            var a = Matrix(rows: rows, cols: cols)
            for c in 0..<cols {
                var norm = 0.0
                for r in 0..<rows {
                    let v = 2 * rng.uniformDouble() - 1
                    a[r, c] = Float(v)
                    norm += v * v
                }
                let scale = Float(1 / max(norm.squareRoot(), 1e-12))
                for r in 0..<rows { a[r, c] *= scale }
            }
            values.append(try conditionNumber(of: a))
        }
        values.sort()
        return values[min(values.count - 1, Int((percentile * Double(values.count - 1)).rounded()))]
    }

    /// The conditioning threshold nica uses for a mixing network into `m` channels: the 25th
    /// percentile for square `m × m` layers, and never below 5 (small layers meet 5 easily).
    public static func automaticMaxCondition(m: Int, k: Int, layers: Int) throws -> Double {
        let square = layers > 1 || m == k
        guard square, m > 4 else { return 5 }
        return max(5, try conditionPercentile(rows: m, cols: m))
    }
}
