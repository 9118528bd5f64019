/// How long each benchmark runs: every figure is the median of `repeats` timed blocks of
/// `steps` steps, after `warmup` untimed steps (as in `reference_vae.py`), timed on `clock`.
public struct BenchmarkSettings: Codable, Equatable, Sendable {
    public var steps: Int
    public var repeats: Int
    public var warmup: Int
    public var seed: UInt64
    public var clock: BenchmarkClock

    public init(steps: Int = 100, repeats: Int = 5, warmup: Int = 20, seed: UInt64 = 0, clock: BenchmarkClock = .wall) {
        self.steps = steps
        self.repeats = repeats
        self.warmup = warmup
        self.seed = seed
        self.clock = clock
    }
}
