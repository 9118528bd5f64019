import Foundation
import XCTest
import Analysis
import Features
import Model
import NicaCore
@testable import Pipeline
import SignalIO
import Synthesis
import TestSupport

/// The pipeline fed from a file opened for streaming (audio block by block, a CSV table
/// handed over as laid out) gives the same analysis, to the bit, as the pipeline fed the
/// whole recording read into memory.
final class StreamingPipelineTests: XCTestCase {
    private var directory = ""

    override func setUp() {
        directory = TestSupport.makeTemporaryDirectory("nica-streaming")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func assertSameAnalysis(_ a: AnalysisResult, _ b: AnalysisResult, _ label: String,
                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.observationCount, b.observationCount, label, file: file, line: line)
        XCTAssertEqual(a.featureCount, b.featureCount, label, file: file, line: line)
        XCTAssertEqual(a.latentMeans.data.map(\.bitPattern), b.latentMeans.data.map(\.bitPattern), label, file: file, line: line)
        XCTAssertEqual(a.statistics, b.statistics, label, file: file, line: line)
        XCTAssertEqual(a.count, b.count, label, file: file, line: line)
        XCTAssertEqual(a.smoothness, b.smoothness, label, file: file, line: line)
        XCTAssertEqual(a.linearMDLEstimate, b.linearMDLEstimate, label, file: file, line: line)
        XCTAssertEqual(a.standardizer, b.standardizer, label, file: file, line: line)
        XCTAssertEqual(a.modelParameters.map(\.bitPattern), b.modelParameters.map(\.bitPattern), label, file: file, line: line)
        XCTAssertEqual(a.restarts, b.restarts, label, file: file, line: line)
        XCTAssertEqual(a.times, b.times, label, file: file, line: line)
        XCTAssertEqual(a.observationRate, b.observationRate, label, file: file, line: line)
        XCTAssertEqual(a.settings, b.settings, label, file: file, line: line)
    }

    /// Spectral mode on a WAV longer than several read blocks: streamed vs whole.
    func testStreamedWAVGivesTheWholeSignalAnalysis() throws {
        let recording = try SpectralSpec(k: 2, m: 2, sampleRate: 8000, duration: 12, seed: 4).generate()
        let path = directory + "/s.wav"
        try AudioFile.write(recording.signal, to: path, encoding: .float32)
        var settings = AnalysisSettings(features: FeatureConfig(window: 256, hop: 100, kind: .logpower), seed: 2)
        settings.automaticPooling = true
        settings.training.fixedEpochs = 2
        settings.restarts = 2
        let (signal, _) = try SignalReader.read(path: path)
        let whole = try AnalysisPipeline.run(signal: signal, settings: settings)
        let source = try SignalReader.open(path: path)
        XCTAssertTrue(source.isStreaming)
        let streamed = try AnalysisPipeline.run(source: source, settings: settings)
        assertSameAnalysis(streamed, whole, "logpower W=256 H=100")
        XCTAssertEqual(Array(streamed.times), Framing(frameCount: signal.frameCount, window: 256, hop: 100)
                        .centreTimes(sampleRate: 8000))
    }

    /// Per-sample mode on a CSV table handed over as the feature matrix (with H = 1 and H = 3),
    /// and on a WAV read in blocks.
    func testPerSampleFromATableOrBlocksGivesTheWholeSignalAnalysis() throws {
        let recording = try NonlinearSpec(k: 2, m: 3, frames: 3001, layers: 1, seed: 6).generate()
        let csv = directory + "/p.csv", wav = directory + "/p.wav"
        try CSVWriter.write(signal: recording.signal, to: csv)
        try AudioFile.write(recording.signal, to: wav, encoding: .float32)
        for hop in [1, 3] {
            var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: hop, kind: .raw),
                                            hiddenSizes: [128, 128], seed: 5)
            settings.training.fixedEpochs = 2
            settings.restarts = 3
            for path in [csv, wav] {
                let (signal, _) = try SignalReader.read(path: path)
                let whole = try AnalysisPipeline.run(signal: signal, settings: settings)
                let streamed = try AnalysisPipeline.run(source: try SignalReader.open(path: path), settings: settings)
                assertSameAnalysis(streamed, whole, "\(path) hop \(hop)")
                XCTAssertEqual(streamed.observationCount, (3001 + hop - 1) / hop)
            }
        }
    }

    /// A FLAC whose header overstates its length: the source is restarted with the exact count
    /// and the analysis is that of the frames the file holds.
    func testOverstatedLengthIsCorrectedByARestart() throws {
        // Noise, which FLAC cannot compress below a byte per sample: a declared length the
        // file could not hold would not be believed in the first place.
        var rng = SeededRNG(seed: 9)
        let noise = Signal(samples: (0..<32_000).map { _ in rng.normal() * 0.2 }, channelCount: 1, frameCount: 32_000,
                           sampleRate: 8000)
        let path = directory + "/o.flac"
        try AudioFile.write(noise, to: path, encoding: .pcm16)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertGreaterThan(bytes.count, 40_000)
        let declared: UInt64 = 40_000
        bytes[8 + 13] = (bytes[8 + 13] & 0xF0) | UInt8((declared >> 32) & 0x0F)
        for k in 0..<4 { bytes[8 + 14 + k] = UInt8(truncatingIfNeeded: declared >> (8 * UInt64(3 - k))) }
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var settings = AnalysisSettings(features: FeatureConfig(window: 128, hop: 64, kind: .magnitude), seed: 1)
        settings.training.fixedEpochs = 1
        settings.restarts = 1
        let source = try SignalReader.open(path: path)
        XCTAssertEqual(source.layout.frameCount, 40_000)
        let streamed = try AnalysisPipeline.run(source: source, settings: settings)
        XCTAssertEqual(source.layout.frameCount, 32_000)
        let whole = try AnalysisPipeline.run(signal: try SignalReader.read(path: path).0, settings: settings)
        assertSameAnalysis(streamed, whole, "restarted FLAC")
    }

    /// A run that is not kept is counted without its means: the same statistics and count,
    /// the dependence test included (it reads every second of the 4500 rows either way).
    func testCountingWithoutKeepingTheMeans() throws {
        let recording = try NonlinearSpec(k: 2, m: 4, frames: 4500, layers: 1, seed: 2).generate()
        let config = FeatureConfig(window: 1, hop: 1, kind: .raw)
        var features = try FeatureExtractor.extract(signal: recording.signal, config: config)
        Standardizer.fit(features).apply(&features)
        var rng = SeededRNG(seed: 3)
        let model = VAE(architecture: VAEArchitecture(inputSize: 4, hiddenSizes: [16], latentSize: 4), rng: &rng)
        var options = TrainingOptions()
        options.fixedEpochs = 3
        _ = try Trainer.train(model: model, data: features, options: options, rng: &rng)
        let rule = CountingRule(klThreshold: 0, maximumDependence: 0.33)   // every latent informative: 4 to examine
        let kept = try SourceCounting.encodeAndCount(model: model, features: features, segments: nil,
                                                     rule: rule, config: config, keepMeans: true)
        let dropped = try SourceCounting.encodeAndCount(model: model, features: features, segments: nil,
                                                        rule: rule, config: config, keepMeans: false)
        XCTAssertEqual(DependenceRows.stride(rows: 4500), 2)
        XCTAssertEqual(kept.count.latentDependence?.sampleCount, 2250)
        XCTAssertNil(dropped.means)
        XCTAssertNil(dropped.smoothness)
        XCTAssertEqual(kept.means, model.encode(features).mean)
        XCTAssertEqual(dropped.statistics, kept.statistics)
        XCTAssertEqual(dropped.count, kept.count)
    }
}
