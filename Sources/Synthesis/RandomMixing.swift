import Linalg
import NicaCore

/// Random mixing matrices of the TCL / iVAE simulation protocol (Hyvärinen & Morioka 2016;
/// Khemakhem et al. 2020): entries U(−1, 1), each column scaled to unit Euclidean norm, the
/// whole matrix redrawn until its condition number is below a threshold. The threshold
/// keeps every layer comfortably invertible, so no source is squashed into the noise.
///
/// Public so tests and diagnostics can check the conditioning; the generators use it
/// internally.
public enum RandomMixing {
    /// Default number of draws before giving up. Square matrices are the hard case: with
    /// threshold 5 about 1 in 100 random 8×8, 1 in 1,400 random 10×10 and 1 in 75,000
    /// random 12×12 matrices qualify, so from 12 square channels on the threshold must rise.
    public static let defaultMaxAttempts = 100_000

    /// A `rows × cols` matrix with entries U(−1, 1), unit-norm columns and condition number
    /// below `maxCondition`.
    ///
    /// - Throws: `NicaError.invalidArgument(argument: "--max-condition", …)` when no draw in
    ///   `maxAttempts` qualifies (the threshold is too strict for the shape).
    public static func wellConditionedMatrix(rows: Int, cols: Int, maxCondition: Double,
                                             rng: inout SeededRNG,
                                             maxAttempts: Int = defaultMaxAttempts) throws -> Matrix {
        try wellConditionedLayer(rows: rows, cols: cols, maxCondition: maxCondition,
                                 rng: &rng, maxAttempts: maxAttempts).matrix
    }

    /// The 2-norm condition number σ_max / σ_min of `a`, from the eigenvalues of the smaller
    /// Gram matrix (AᵀA or AAᵀ). Infinite when `a` is rank-deficient.
    public static func conditionNumber(of a: Matrix) throws -> Double {
        let n = min(a.rows, a.cols)
        guard n > 0 else { return .infinity }
        var gram = [Double](repeating: 0, count: n * n)
        let tall = a.rows >= a.cols
        for i in 0..<n {
            for j in i..<n {
                var sum = 0.0
                if tall {
                    for r in 0..<a.rows { sum += Double(a[r, i]) * Double(a[r, j]) }
                } else {
                    for c in 0..<a.cols { sum += Double(a[i, c]) * Double(a[j, c]) }
                }
                gram[i * n + j] = sum
                gram[j * n + i] = sum
            }
        }
        let values = try SymmetricEigen(symmetric: gram, n: n, computeVectors: false).values
        let smallest = values.first!, largest = values.last!
        guard smallest > 0, largest > 0 else { return .infinity }
        return (largest / smallest).squareRoot()
    }

    /// As `wellConditionedMatrix`, recorded as a truth layer with its condition number.
    static func wellConditionedLayer(rows: Int, cols: Int, maxCondition: Double,
                                     rng: inout SeededRNG,
                                     maxAttempts: Int = defaultMaxAttempts) throws -> MixingLayer {
        precondition(rows >= 1 && cols >= 1)
        for _ in 0..<max(1, maxAttempts) {
            let a = unitColumnMatrix(rows: rows, cols: cols, rng: &rng)
            let condition = try conditionNumber(of: a)
            if condition < maxCondition {
                return MixingLayer(rows: rows, cols: cols, entries: a.data, conditionNumber: condition)
            }
        }
        throw NicaError.invalidArgument(
            argument: "--max-condition",
            message: "no random \(rows)×\(cols) mixing matrix with condition number below \(maxCondition) "
                + "in \(maxAttempts) draws; raise the threshold or use fewer channels")
    }

    /// One unconditioned draw: entries U(−1, 1), columns rescaled to unit norm.
    static func unitColumnMatrix(rows: Int, cols: Int, rng: inout SeededRNG) -> Matrix {
        var values = [Double](repeating: 0, count: rows * cols)
        for i in values.indices { values[i] = rng.uniform(-1, 1) }
        for c in 0..<cols {
            var norm = 0.0
            for r in 0..<rows { norm += values[r * cols + c] * values[r * cols + c] }
            norm = norm.squareRoot()
            // A zero column has probability zero; leaving it makes the condition infinite,
            // so the draw is simply rejected.
            if norm > 0 { for r in 0..<rows { values[r * cols + c] /= norm } }
        }
        return Matrix(rows: rows, cols: cols, data: values.map { Float($0) })
    }
}
