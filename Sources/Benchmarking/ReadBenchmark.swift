import NicaCore
import SignalIO
#if canImport(Glibc)
import Glibc
#endif

/// Input throughput: file bytes per second of `CSVReader.read` and `AudioFile.read` on files
/// written first into a scratch directory (so read from a warm page cache), then removed.
public struct ReadBenchmarkResult: Codable, Equatable, Sendable {
    public var csvBytes: Int
    /// Megabytes (10⁶ bytes) of CSV text parsed per second.
    public var csvMegabytesPerSecond: RateSummary
    public var audioBytes: Int
    /// Megabytes of 32-bit float WAV read and de-interleaved per second.
    public var audioMegabytesPerSecond: RateSummary
}

public enum ReadBenchmark {
    /// Writes an 8-channel CSV of `csvFrames` rows (time column plus 8 values of ~9
    /// significant digits) and an 8-channel float WAV of `audioFrames` frames into
    /// `scratchDirectory`, reads each `settings.repeats` times after one untimed read, and
    /// deletes both files.
    /// - Throws: whatever `CSVWriter`, `AudioFile` and `CSVReader` throw.
    public static func run(settings: BenchmarkSettings, scratchDirectory: String,
                           csvFrames: Int = 200_000, audioFrames: Int = 2_000_000) throws -> ReadBenchmarkResult {
        let channels = 8
        var rng = SeededRNG(seed: settings.seed)
        func noise(_ frames: Int) -> Signal {
            var samples = [Float](repeating: 0, count: channels * frames)
            for i in samples.indices { samples[i] = rng.uniform() - 0.5 }
            return Signal(samples: samples, channelCount: channels, frameCount: frames, sampleRate: 16_000)
        }
        let csvPath = scratchDirectory + "/nica-bench-\(getpid()).csv"
        let wavPath = scratchDirectory + "/nica-bench-\(getpid()).wav"
        defer { unlink(csvPath); unlink(wavPath) }
        try CSVWriter.write(signal: noise(csvFrames), to: csvPath)
        try AudioFile.write(noise(audioFrames), to: wavPath, encoding: .float32)

        func rates(_ path: String, _ read: () throws -> Int) throws -> (Int, RateSummary) {
            let bytes = fileSize(path)
            _ = try read()
            var values: [Double] = []
            for _ in 0..<max(settings.repeats, 1) {
                var frames = 0
                let seconds = try Stopwatch.time(settings.clock) { frames = try read() }
                precondition(frames > 0)
                values.append(Double(bytes) / seconds / 1e6)
            }
            return (bytes, RateSummary(values))
        }
        let (csvBytes, csv) = try rates(csvPath) { try CSVReader.read(path: csvPath).frameCount }
        let (audioBytes, audio) = try rates(wavPath) { try AudioFile.read(path: wavPath).frameCount }
        return ReadBenchmarkResult(csvBytes: csvBytes, csvMegabytesPerSecond: csv,
                                   audioBytes: audioBytes, audioMegabytesPerSecond: audio)
    }

    private static func fileSize(_ path: String) -> Int {
        var status = stat()
        return stat(path, &status) == 0 ? Int(status.st_size) : 0
    }
}
