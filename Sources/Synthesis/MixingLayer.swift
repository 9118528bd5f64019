import NicaCore

/// One random mixing matrix as recorded in the truth: `rows × cols`, row-major, applied as
/// `y = A x` to a column of `cols` inputs.
public struct MixingLayer: Codable, Equatable, Sendable {
    public var rows: Int
    public var cols: Int
    /// Row-major entries: `entries[r * cols + c]`.
    public var entries: [Float]
    /// The 2-norm condition number σ_max / σ_min, or `nil` where none was required (the
    /// spectral family's positive gains, which may have fewer rows than columns).
    public var conditionNumber: Double?

    public init(rows: Int, cols: Int, entries: [Float], conditionNumber: Double?) {
        precondition(entries.count == rows * cols, "MixingLayer: \(entries.count) entries for \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.entries = entries
        self.conditionNumber = conditionNumber
    }

    public subscript(r: Int, c: Int) -> Float { entries[r * cols + c] }

    /// `A x` for every frame: `inputs` holds `cols` equally long signals, the result `rows`.
    /// Accumulates in Float64 with a fixed loop order, so results do not depend on a BLAS build.
    func apply(to inputs: [[Double]]) -> [[Double]] {
        precondition(inputs.count == cols, "MixingLayer: \(inputs.count) inputs for \(cols) columns")
        let frames = inputs.first?.count ?? 0
        var outputs = [[Double]](repeating: [Double](repeating: 0, count: frames), count: rows)
        for r in 0..<rows {
            outputs[r].withUnsafeMutableBufferPointer { out in
                for c in 0..<cols {
                    let a = Double(entries[r * cols + c])
                    inputs[c].withUnsafeBufferPointer { x in
                        for t in 0..<frames { out[t] += a * x[t] }
                    }
                }
            }
        }
        return outputs
    }
}

extension MixingLayer {
    /// The entries as a `Matrix`.
    public var matrix: Matrix { Matrix(rows: rows, cols: cols, data: entries) }
}
