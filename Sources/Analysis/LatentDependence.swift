import NicaCore

/// How much of each active latent the other active latents already carry: the mutual
/// information I(μ_j; μ_rest) between one posterior-mean trace and all the others, in nats,
/// by the k-nearest-neighbour estimator of Kraskov, Stögbauer & Grassberger (Phys. Rev. E 69,
/// 066138, 2004; their first algorithm, max-norm).
///
/// When each latent carries a source of its own, the latents of a VAE trained with an
/// isotropic prior are close to independent and every I(μ_j; μ_rest) is small. A nonlinear
/// VAE can instead spend two or more latents on one source whose path through the channels
/// bends (Koehler et al. 2022, mixtures through several leaky-ReLU layers): then the active
/// latents trace a manifold of lower dimension than their number, each is largely a function
/// of the others, and the count is too high. `mean` is the summary statistic; the threshold
/// is set from generated recordings (docs/accuracy.md), and `RedundantLatents` drops the
/// latents that repeat the others until the mean falls below it.
public struct LatentDependence: Codable, Equatable, Sendable {
    /// The latent dimensions examined (the active ones), in the order given.
    public var dimensions: [Int]
    /// I(μ_j; μ_rest) in nats for each of `dimensions`, in the same order.
    public var mutualInformation: [Double]
    /// Rows of the posterior means the estimate used (every `stride`-th observation).
    public var sampleCount: Int

    /// Mean of `mutualInformation` over the examined dimensions.
    public var mean: Double { mutualInformation.reduce(0, +) / Double(max(mutualInformation.count, 1)) }

    /// Mean dependence (nats) above which the latents are taken to share sources: the default
    /// of `CountingRule.maximumDependence` in per-sample mode. On generated per-sample
    /// recordings, correct counts gave at most 0.28 and over-counts through three leaky-ReLU
    /// layers at least 0.43 (docs/accuracy.md).
    public static let overcountThreshold = 0.33

    /// Observations used at most; the cost grows with their square.
    public static let defaultMaximumSamples = 4000
    /// Neighbours of the estimator (Kraskov et al. recommend 2–4 for bias, more for variance).
    public static let defaultNeighbours = 5

    /// Every how many rows the estimate reads so that at most `maximumSamples` are used.
    public static func stride(rows: Int, maximumSamples: Int = defaultMaximumSamples) -> Int {
        max(1, (rows + maximumSamples - 1) / maximumSamples)
    }

    /// Estimates the dependence of each of `dimensions` (columns of `means`, `N × K`, rows in
    /// time order) on the others. Nil when there are fewer than two dimensions, too few rows,
    /// or a trace is constant. Rows are thinned to at most `maximumSamples` by taking every
    /// `stride`-th one, so the estimate is deterministic.
    public init?(means: Matrix, dimensions: [Int], maximumSamples: Int = defaultMaximumSamples,
                 neighbours: Int = defaultNeighbours) {
        let d = dimensions.count
        guard d >= 2, neighbours >= 1, means.rows > neighbours + 1 else { return nil }
        let stride = Self.stride(rows: means.rows, maximumSamples: maximumSamples)
        let n = (means.rows + stride - 1) / stride
        guard n > neighbours + 1 else { return nil }
        // Standardised traces, point-major (`n × d`): the max-norm compares latents on one scale.
        var points = [Float](repeating: 0, count: n * d)
        for (j, column) in dimensions.enumerated() {
            var sum = 0.0, squares = 0.0
            for i in 0..<n { let v = Double(means[i * stride, column]); sum += v; squares += v * v }
            let mean = sum / Double(n)
            let variance = squares / Double(n) - mean * mean
            guard variance > 0, variance.isFinite else { return nil }
            let scale = 1 / variance.squareRoot()
            for i in 0..<n { points[i * d + j] = Float((Double(means[i * stride, column]) - mean) * scale) }
        }
        self.dimensions = dimensions
        self.sampleCount = n
        self.mutualInformation = Self.estimate(points: points, count: n, dimensions: d, neighbours: neighbours)
    }

    /// KSG algorithm 1 for every split (μ_j, μ_rest) at once. ε_i is the max-norm distance from
    /// point i to its k-th neighbour in the joint space, which is the same for every split;
    /// n_x counts points closer than ε_i in coordinate j, n_y points closer in all the other
    /// coordinates. The largest and second-largest coordinate differences of a pair tell, for
    /// every j together, whether the pair is within ε_i once coordinate j is left out.
    static func estimate(points: [Float], count n: Int, dimensions d: Int, neighbours k: Int) -> [Double] {
        let digamma = IntegerDigamma(upTo: n + 1)
        var sums = [Double](repeating: 0, count: d)
        var largest = [Float](repeating: 0, count: n)
        var nearest = [Float](repeating: 0, count: k)
        var marginalCounts = [Int](repeating: 0, count: d)
        var restCounts = [Int](repeating: 0, count: d)
        points.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let a = p.baseAddress! + i * d
                // Pass 1: max-norm distances and the k-th smallest of them.
                for q in 0..<k { nearest[q] = .infinity }
                for l in 0..<n where l != i {
                    let b = p.baseAddress! + l * d
                    var m: Float = 0
                    for c in 0..<d { m = max(m, abs(a[c] - b[c])) }
                    largest[l] = m
                    if m < nearest[k - 1] {
                        // Insertion into the sorted list of the k smallest.
                        var q = k - 1
                        while q > 0 && nearest[q - 1] > m { nearest[q] = nearest[q - 1]; q -= 1 }
                        nearest[q] = m
                    }
                }
                let epsilon = nearest[k - 1]
                // Pass 2: marginal counts strictly inside ε_i.
                for j in 0..<d { marginalCounts[j] = 0; restCounts[j] = 0 }
                var insideAll = 0
                for l in 0..<n where l != i {
                    let b = p.baseAddress! + l * d
                    var first: Float = 0, second: Float = 0, firstIndex = 0
                    for c in 0..<d {
                        let difference = abs(a[c] - b[c])
                        if difference < epsilon { marginalCounts[c] += 1 }
                        if difference > first { second = first; first = difference; firstIndex = c }
                        else if difference > second { second = difference }
                    }
                    if largest[l] < epsilon { insideAll += 1 }
                    else if second < epsilon { restCounts[firstIndex] += 1 }
                }
                for j in 0..<d {
                    sums[j] += digamma[marginalCounts[j] + 1] + digamma[restCounts[j] + insideAll + 1]
                }
            }
        }
        let constant = digamma[k] + digamma[n]
        return sums.map { constant - $0 / Double(n) }
    }
}

/// ψ(m) for m = 1…`upTo`: ψ(1) = −γ, ψ(m + 1) = ψ(m) + 1/m.
struct IntegerDigamma {
    private var values: [Double]

    init(upTo limit: Int) {
        precondition(limit >= 1, "IntegerDigamma: ψ is tabulated from 1")
        values = [Double](repeating: 0, count: limit + 1)
        values[1] = -0.57721566490153286061
        for m in stride(from: 2, through: limit, by: 1) { values[m] = values[m - 1] + 1 / Double(m - 1) }
    }

    subscript(m: Int) -> Double { values[m] }
}
