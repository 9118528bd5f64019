/// The result of analysing one generated case with one seed.
public struct CaseOutcome: Codable, Equatable, Sendable {
    public var name: String
    public var family: String
    /// True number of sources.
    public var k: Int
    public var m: Int
    public var snrDB: Double?
    /// SNR (dB) of the mixture's weakest source direction (`GenerationTruth`); nil for the
    /// spectral family and for noiseless or older cases.
    public var weakestDirectionSNRDB: Double?
    public var layers: Int
    public var seed: UInt64
    /// nica's count.
    public var sources: Int
    /// Wax–Kailath MDL on the same features.
    public var linearMDL: Int
    /// Mean correlation between true sources (spectral: log-envelopes per window) and their
    /// matched latents.
    public var mcc: Double?
    /// KL per dimension, largest first (nats).
    public var klSorted: [Double]
    public var gapRatio: Double?
    /// As in the report: the counting rule marks the count, the restarts disagree, or the
    /// active latents depend on one another (`latentDependence`).
    public var ambiguous: Bool
    public var seconds: Double
    /// Each restart's count, in restart order (the reported count is one of them); nil in
    /// outcomes written before they were recorded.
    public var restartCounts: [Int]?
    /// The first round's restart counts of informative latents when a second training replaced
    /// it (per-sample mode, `AnalysisSettings.needsExtendedWarmup`), else nil.
    public var firstRoundCounts: [Int]?
    /// Mean I(μ_j; μ_rest) over the informative latents (nats; `LatentDependence`), or nil where
    /// it is not measured (spectral mode, segments, fewer than two informative latents).
    public var latentDependence: Double?

    public init(name: String, family: String, k: Int, m: Int, snrDB: Double?, layers: Int, seed: UInt64,
                sources: Int, linearMDL: Int, mcc: Double?, klSorted: [Double], gapRatio: Double?,
                ambiguous: Bool, seconds: Double, weakestDirectionSNRDB: Double? = nil,
                restartCounts: [Int]? = nil, firstRoundCounts: [Int]? = nil, latentDependence: Double? = nil) {
        self.name = name
        self.family = family
        self.k = k
        self.m = m
        self.snrDB = snrDB
        self.weakestDirectionSNRDB = weakestDirectionSNRDB
        self.layers = layers
        self.seed = seed
        self.sources = sources
        self.linearMDL = linearMDL
        self.mcc = mcc
        self.klSorted = klSorted
        self.gapRatio = gapRatio
        self.ambiguous = ambiguous
        self.seconds = seconds
        self.restartCounts = restartCounts
        self.firstRoundCounts = firstRoundCounts
        self.latentDependence = latentDependence
    }

    /// sources − k.
    public var error: Int { sources - k }
}
