/// Minimum-cost assignment (Kuhn 1955, Munkres 1957) in the O(n²m) shortest-augmenting-path
/// form with potentials, for a `rows × cols` cost matrix with rows ≤ cols.
public enum Hungarian {
    /// For each row, the column assigned to it (distinct columns) minimising the total cost.
    /// `cost` is row-major `rows × cols`; requires `rows ≤ cols`.
    public static func assign(cost: [Double], rows: Int, cols: Int) -> [Int] {
        precondition(rows <= cols && cost.count == rows * cols)
        guard rows > 0 else { return [] }
        let inf = Double.infinity
        // 1-based arrays with a virtual column 0, as in the classical formulation.
        var u = [Double](repeating: 0, count: rows + 1)
        var v = [Double](repeating: 0, count: cols + 1)
        var match = [Int](repeating: 0, count: cols + 1)   // match[j] = row assigned to column j
        var way = [Int](repeating: 0, count: cols + 1)
        for i in 1...rows {
            match[0] = i
            var j0 = 0
            var minv = [Double](repeating: inf, count: cols + 1)
            var used = [Bool](repeating: false, count: cols + 1)
            repeat {
                used[j0] = true
                let i0 = match[j0]
                var delta = inf, j1 = 0
                for j in 1...cols where !used[j] {
                    let current = cost[(i0 - 1) * cols + (j - 1)] - u[i0] - v[j]
                    if current < minv[j] { minv[j] = current; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...cols {
                    if used[j] { u[match[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while match[j0] != 0
            repeat {
                let j1 = way[j0]
                match[j0] = match[j1]
                j0 = j1
            } while j0 != 0
        }
        var assignment = [Int](repeating: -1, count: rows)
        for j in 1...cols where match[j] != 0 { assignment[match[j] - 1] = j - 1 }
        return assignment
    }
}
