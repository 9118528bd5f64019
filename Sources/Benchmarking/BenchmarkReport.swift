/// Everything `nica bench` measures in one run.
public struct BenchmarkReport: Codable, Equatable, Sendable {
    public var settings: BenchmarkSettings
    /// OpenBLAS threads used (the model and the ceiling share them).
    public var threads: Int
    /// The OpenBLAS kernel selected at run time (e.g. `Haswell`).
    public var blasCore: String
    public var models: [ModelBenchmarkResult]
    public var features: FeatureBenchmarkResult?
    public var reads: ReadBenchmarkResult?
    /// Peak resident set size of the process at the end of the run, bytes.
    public var peakResidentBytes: Int

    public init(settings: BenchmarkSettings, threads: Int, blasCore: String, models: [ModelBenchmarkResult],
                features: FeatureBenchmarkResult?, reads: ReadBenchmarkResult?, peakResidentBytes: Int) {
        self.settings = settings
        self.threads = threads
        self.blasCore = blasCore
        self.models = models
        self.features = features
        self.reads = reads
        self.peakResidentBytes = peakResidentBytes
    }
}
