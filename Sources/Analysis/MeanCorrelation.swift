import NicaCore

/// Mean correlation coefficient (MCC), the standard score of nonlinear ICA recovery
/// (Hyvärinen & Morioka 2016; Khemakhem et al. 2020): the absolute Pearson correlation
/// between each true source and the latent matched to it, averaged over the sources. The
/// matching maximises the total absolute correlation (Hungarian algorithm); with more latents
/// than sources, each source gets its best distinct latent.
public struct MeanCorrelation: Codable, Equatable, Sendable {
    /// Mean over sources of |corr(source, matched latent)|, in [0, 1].
    public var mcc: Double
    /// For each source, the index of its matched latent.
    public var matching: [Int]
    /// For each source, |corr| with its matched latent.
    public var correlations: [Double]

    /// Scores `latents` (`N × K`) against `sources` (`N × k`, k ≤ K); rows are time-aligned.
    public init(sources: Matrix, latents: Matrix) {
        precondition(sources.rows == latents.rows, "MCC: sources and latents differ in length")
        precondition(sources.cols <= latents.cols, "MCC: more sources than latents")
        let k = sources.cols, kk = latents.cols
        let corr = MeanCorrelation.absoluteCorrelations(sources, latents)
        let cost = corr.map { -$0 }
        let assignment = Hungarian.assign(cost: cost, rows: k, cols: kk)
        matching = assignment
        correlations = (0..<k).map { corr[$0 * kk + assignment[$0]] }
        mcc = k == 0 ? 0 : correlations.reduce(0, +) / Double(k)
    }

    /// |Pearson correlation| between every column of `a` and every column of `b`: `a.cols × b.cols`,
    /// row-major. A constant column correlates 0 with everything.
    public static func absoluteCorrelations(_ a: Matrix, _ b: Matrix) -> [Double] {
        let n = a.rows
        func standardised(_ m: Matrix) -> [[Double]] {
            (0..<m.cols).map { c in
                var col = (0..<n).map { Double(m.data[$0 * m.cols + c]) }
                let mean = col.reduce(0, +) / Double(max(n, 1))
                var ss = 0.0
                for i in col.indices { col[i] -= mean; ss += col[i] * col[i] }
                let scale = ss > 0 ? 1 / ss.squareRoot() : 0
                return col.map { $0 * scale }
            }
        }
        let sa = standardised(a), sb = standardised(b)
        var out = [Double](repeating: 0, count: a.cols * b.cols)
        for i in 0..<a.cols {
            for j in 0..<b.cols {
                var dot = 0.0
                for t in 0..<n { dot += sa[i][t] * sb[j][t] }
                out[i * b.cols + j] = abs(dot)
            }
        }
        return out
    }
}
