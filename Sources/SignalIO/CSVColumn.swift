import NicaCore

/// One named column of a table for `CSVWriter`. The kind of the values decides how they are
/// printed: integers without a decimal point (`index`), Doubles and Floats in the shortest
/// form that reads back to the same bits (`time`, latents).
public struct CSVColumn: Equatable, Sendable {
    /// The column's values; the case is the column's kind.
    public enum Values: Equatable, Sendable {
        /// Whole numbers, printed without a decimal point (`index`).
        case integers([Int])
        /// Doubles, printed in shortest round-trip form (`time` in seconds).
        case doubles([Double])
        /// Floats, printed in shortest round-trip form (samples, latents).
        case floats([Float])
    }

    /// The header name.
    public var name: String
    /// The values, one per row.
    public var values: Values

    /// A column of integers, printed as `0`, `1`, … (no `.0`).
    public init(name: String, integers: [Int]) {
        self.name = name
        self.values = .integers(integers)
    }

    /// A column of Doubles (for example time in seconds), printed so they round-trip exactly.
    public init(name: String, doubles: [Double]) {
        self.name = name
        self.values = .doubles(doubles)
    }

    /// A column of Floats (samples, latents), printed so they round-trip exactly.
    public init(name: String, floats: [Float]) {
        self.name = name
        self.values = .floats(floats)
    }

    /// The number of rows in this column.
    public var count: Int {
        switch values {
        case .integers(let v): return v.count
        case .doubles(let v): return v.count
        case .floats(let v): return v.count
        }
    }

    /// One Float column per column of `matrix` (rows are table rows), named by `names`; the
    /// shape of latents and feature matrices.
    public static func columns(of matrix: Matrix, names: [String]) -> [CSVColumn] {
        precondition(names.count == matrix.cols, "CSVColumn.columns: \(names.count) names for \(matrix.cols) columns")
        return (0..<matrix.cols).map { c in
            var column = [Float](repeating: 0, count: matrix.rows)
            for r in 0..<matrix.rows { column[r] = matrix.data[r * matrix.cols + c] }
            return CSVColumn(name: names[c], floats: column)
        }
    }
}
