import NicaCore

/// Informative latents that repeat what the others carry, found by dropping them one at a
/// time (`LatentDependence`).
///
/// A nonlinear VAE that spends two or more latents on one source leaves each of them largely
/// a function of the others. While the mean I(μ_j; μ_rest) over the latents still in play is
/// above the threshold, the one with the largest I(μ_j; μ_rest) — the one the others predict
/// best — is dropped and the dependence of the rest measured again. The latents left are the
/// count. On the five over-counts of generated recordings that the mean flagged (1 → 2, 2 → 3,
/// 3 → 5, 3 → 4 and 5 → 6 sources through three leaky-ReLU layers) this leaves exactly the
/// true number, with the remaining latents at 0.12–0.25 nats (docs/accuracy.md).
public struct RedundantLatents: Equatable, Sendable {
    /// The dependence of all the latents examined (the first step).
    public var initial: LatentDependence
    /// The latents kept, in the order given.
    public var kept: [Int]
    /// The latents dropped, in the order they were dropped.
    public var dropped: [Int]
    /// Mean I(μ_j; μ_rest) of the latents still in play at each step, starting with all of
    /// them; the last entry is that of `kept` when two or more are left.
    public var meanPerStep: [Double]

    /// Examines `dimensions` (columns of `means`, `N × K`, rows in time order; give them
    /// largest KL first so that of two equally dependent latents the weaker is dropped).
    /// Nil when `LatentDependence` gives no estimate for them.
    public init?(means: Matrix, dimensions: [Int], threshold: Double,
                 maximumSamples: Int = LatentDependence.defaultMaximumSamples,
                 neighbours: Int = LatentDependence.defaultNeighbours) {
        guard var current = LatentDependence(means: means, dimensions: dimensions, maximumSamples: maximumSamples,
                                             neighbours: neighbours) else { return nil }
        initial = current
        kept = dimensions
        dropped = []
        meanPerStep = [current.mean]
        while current.mean > threshold {
            let values = current.mutualInformation
            // The largest value; a tie goes to the later (weaker) latent.
            let position = values.indices.max { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }!
            dropped.append(kept.remove(at: position))
            guard let next = LatentDependence(means: means, dimensions: kept, maximumSamples: maximumSamples,
                                              neighbours: neighbours) else { break }
            current = next
            meanPerStep.append(current.mean)
        }
    }
}
