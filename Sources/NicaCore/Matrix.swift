/// A dense Float32 matrix in one contiguous row-major buffer: element (r, c) is
/// `data[r * cols + c]`. Rows are observations (windows or time steps), columns features.
public struct Matrix: Equatable, Sendable {
    public var rows: Int
    public var cols: Int
    public var data: [Float]

    public init(rows: Int, cols: Int, data: [Float]) {
        precondition(data.count == rows * cols, "Matrix: \(data.count) values for \(rows)×\(cols)")
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    /// A zero-filled `rows × cols` matrix.
    public init(rows: Int, cols: Int) {
        self.init(rows: rows, cols: cols, data: [Float](repeating: 0, count: rows * cols))
    }

    public subscript(r: Int, c: Int) -> Float {
        get { data[r * cols + c] }
        set { data[r * cols + c] = newValue }
    }

    /// Row `r` as a slice of the buffer.
    public func row(_ r: Int) -> ArraySlice<Float> { data[(r * cols)..<((r + 1) * cols)] }

    /// A copy holding only the given rows, in the given order.
    public func gatherRows(_ indices: [Int]) -> Matrix {
        var out = [Float](repeating: 0, count: indices.count * cols)
        data.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (i, r) in indices.enumerated() {
                    for c in 0..<cols { dst[i * cols + c] = src[r * cols + c] }
                }
            }
        }
        return Matrix(rows: indices.count, cols: cols, data: out)
    }

    /// A copy holding only the given columns, in the given order.
    public func gatherColumns(_ indices: [Int]) -> Matrix {
        var out = Matrix(rows: rows, cols: indices.count)
        for r in 0..<rows { for (j, c) in indices.enumerated() { out.data[r * indices.count + j] = data[r * cols + c] } }
        return out
    }

    /// Overwrites the given columns with the columns of `source` (`rows × indices.count`), in order.
    public mutating func scatterColumns(_ indices: [Int], from source: Matrix) {
        precondition(source.rows == rows && source.cols == indices.count, "Matrix.scatterColumns: shape mismatch")
        for r in 0..<rows { for (j, c) in indices.enumerated() { data[r * cols + c] = source.data[r * indices.count + j] } }
    }

    /// The transpose, as a new row-major matrix.
    public func transposed() -> Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for r in 0..<rows { for c in 0..<cols { out.data[c * rows + r] = data[r * cols + c] } }
        return out
    }
}
