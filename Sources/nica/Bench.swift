import ArgumentParser
import Benchmarking
import Foundation
import Linalg

/// `nica bench`: throughput figures of training, encoding, feature extraction and input
/// reading on this machine (see docs/performance.md).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure training, encoding, feature and input throughput on this machine.",
        discussion: """
        Training and encoding run the reference configurations (spectral: 258 → 256-256 → z16, batch 256; per-sample: 8 → 64-64 → z8, batch 512) through nica's own training step, beside bare sgemm calls of the same shapes (the ceiling). Each figure is the median of --repeats timed blocks with its min–max spread.
        """)

    enum Part: String, ExpressibleByArgument, CaseIterable {
        case all, models, spectral, perSample = "per-sample", features, io
    }

    @Option(help: "What to measure: all, models, spectral, per-sample, features or io.")
    var only: Part = .all

    @Option(help: "Steps per timed block.")
    var steps: Int = 100

    @Option(help: "Timed blocks; the median is reported.")
    var repeats: Int = 5

    @Option(help: "Untimed steps before timing.")
    var warmup: Int = 20

    @Option(help: "Random seed of the data and the model.")
    var seed: UInt64 = 0

    @Option(help: "Time to divide by: wall (elapsed) or cpu (process CPU time, steadier on a busy machine).")
    var clock: BenchmarkClock = .wall

    @Option(help: "OpenBLAS threads.")
    var threads: Int = 1

    @Option(help: "Directory for the temporary CSV and WAV files of the input benchmark. (default: the system temporary directory)")
    var scratch: String?

    @Flag(help: "Print one JSON object instead of the text figures.")
    var json = false

    func validate() throws {
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
        guard warmup >= 0 else { throw ValidationError("--warmup must be at least 0, got \(warmup)") }
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1, got \(threads)") }
    }

    func run() throws {
        try reportingErrors {
            BLASRuntime.setThreads(threads)
            let settings = BenchmarkSettings(steps: steps, repeats: repeats, warmup: warmup, seed: seed, clock: clock)
            let configs: [ModelBenchmarkConfig]
            switch only {
            case .all, .models: configs = ModelBenchmarkConfig.reference
            case .spectral: configs = [.spectral]
            case .perSample: configs = [.perSample]
            case .features, .io: configs = []
            }
            let models = configs.map { ModelBenchmark.run($0, settings: settings) }
            let features = only == .all || only == .features ? try FeatureBenchmark.run(settings: settings) : nil
            let directory = scratch ?? FileManager.default.temporaryDirectory.path
            let reads = only == .all || only == .io
                ? try ReadBenchmark.run(settings: settings, scratchDirectory: directory) : nil
            let report = BenchmarkReport(settings: settings, threads: threads, blasCore: BLASRuntime.coreName,
                                         models: models, features: features, reads: reads,
                                         peakResidentBytes: PeakMemory.residentBytes)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                encoder.keyEncodingStrategy = .convertToSnakeCase
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print(BenchmarkText.render(report), terminator: "")
            }
        }
    }
}

extension BenchmarkClock: ExpressibleByArgument {}
