import Features
import NicaCore

/// Cost of spectral feature extraction: `FeatureExtractor.extract` on a synthetic
/// recording with 256-sample windows, periodic Hann taper, log-power, no pooling.
public struct FeatureBenchmarkResult: Codable, Equatable, Sendable {
    public var window: Int
    public var hop: Int
    /// Channel-windows (one FFT + 129 logs each) per timed extraction.
    public var transformsPerRun: Int
    /// Nanoseconds per channel-window, over the timed runs.
    public var nanosecondsPerWindow: RateSummary
}

public enum FeatureBenchmark {
    /// Times `settings.repeats` extractions (after one untimed) of a 2-channel recording of
    /// `frames` samples per channel (white noise with a slow sinusoid).
    public static func run(settings: BenchmarkSettings, frames: Int = 1 << 21, window: Int = 256,
                           hop: Int = 128) throws -> FeatureBenchmarkResult {
        let channels = 2
        var rng = SeededRNG(seed: settings.seed)
        var samples = [Float](repeating: 0, count: channels * frames)
        for i in samples.indices {
            samples[i] = rng.uniform() - 0.5 + 0.3 * Float(_sin(Double(i % frames) * 0.001))
        }
        let signal = Signal(samples: samples, channelCount: channels, frameCount: frames, sampleRate: 16_000)
        let config = FeatureConfig(window: window, hop: hop, kind: .logpower)
        let transforms = Framing(frameCount: frames, config: config).windowCount * channels
        var checksum: Float = 0
        checksum += try FeatureExtractor.extract(signal: signal, config: config).data[0]
        var times: [Double] = []
        for _ in 0..<max(settings.repeats, 1) {
            var features = Matrix(rows: 0, cols: 0)
            times.append(try Stopwatch.time(settings.clock) { features = try FeatureExtractor.extract(signal: signal, config: config) })
            checksum += features.data[0]
        }
        precondition(checksum.isFinite, "FeatureBenchmark: non-finite features")
        return FeatureBenchmarkResult(window: window, hop: hop, transformsPerRun: transforms,
                                      nanosecondsPerWindow: RateSummary(times.map { $0 * 1e9 / Double(transforms) }))
    }
}
