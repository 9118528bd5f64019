import XCTest
import Analysis
import Features
import Model
import ModelStore
import NicaCore
import Pipeline
import SignalIO
import Synthesis
import TestSupport

/// Model files: a saved model comes back identical and encodes a recording exactly as the
/// run that trained it; the committed fixture is checked against nica and (behind
/// NICA_PYTHON_TESTS=1) against NumPy reading the file with the `safetensors` package.
final class ModelFileTests: XCTestCase {
    private static let fixtures = CommandRunner.packageRoot.appendingPathComponent("Tests/ModelStoreTests/Fixtures").path

    func testSavedModelRoundTripsAndReproducesTheTrainingLatents() throws {
        let recording = try NonlinearSpec(k: 2, m: 3, frames: 1500, layers: 1, seed: 2).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), hiddenSizes: [8, 8], seed: 6)
        settings.training.fixedEpochs = 4
        settings.counting.maximumDependence = LatentDependence.overcountThreshold // automatic from 20 000 samples on
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        let model = result.trainedModel(channelNames: recording.signal.channelNames, sampleRate: 100)
        let path = TestSupport.makeTemporaryDirectory("nica-model") + "/m.safetensors"
        try ModelFile.write(model, to: path)
        let loaded = try ModelFile.read(path: path)
        XCTAssertEqual(loaded, model, "weights, standardiser (Float64 through JSON), history and settings survive")
        XCTAssertEqual(loaded.counting.maximumDependence, LatentDependence.overcountThreshold)
        let encoded = try EncodingPipeline.run(signal: recording.signal, model: loaded)
        XCTAssertEqual(encoded.latentMeans, result.latentMeans)
        XCTAssertEqual(encoded.statistics, result.statistics)
        XCTAssertEqual(encoded.count, result.count)
    }

    func testSegmentedModelKeepsItsUnmixing() throws {
        let recording = try IVAESpec(k: 2, m: 2, segmentCount: 4, segmentLength: 300, seed: 3).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), hiddenSizes: [8, 8], seed: 2)
        settings.segments = 4
        settings.restarts = 1
        settings.training.fixedEpochs = 40
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        let unmixing = try XCTUnwrap(result.unmixing, "KL \(result.statistics.klPerDimension)")
        XCTAssertEqual(unmixing.dimensions, result.count.activeDimensions.sorted())
        let model = try ModelFile.model(from: ModelFile.container(result.trainedModel(channelNames: ["a", "b"], sampleRate: 100)),
                                        path: "m")
        XCTAssertEqual(model.unmixing, unmixing)
        XCTAssertEqual(model.architecture.hiddenActivation, .elu, "the default with segments, stored in the file")
        // Encoding applies the stored unmixing: the exported traces come back exactly.
        XCTAssertEqual(try EncodingPipeline.run(signal: recording.signal, model: model).latentMeans, result.latentMeans)
        // A model file whose unmixing names a dimension the model does not have is refused.
        var container = try ModelFile.container(model)
        container.metadata["unmixing"] = container.metadata["unmixing"]!.replacingOccurrences(of: "\"dimensions\":[", with: "\"dimensions\":[7,")
        XCTAssertThrowsError(try ModelFile.model(from: container, path: "m.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("unmixing"), "\(error)")
        }
    }

    /// A refined analysis stores its passes, and encoding with the file repeats them: the
    /// exported traces come back exactly, and they are not the unrefined ones.
    func testSegmentedModelKeepsItsRefinementPasses() throws {
        let recording = try IVAESpec(k: 2, m: 2, segmentCount: 4, segmentLength: 300, seed: 3).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), hiddenSizes: [8, 8], seed: 2)
        settings.segments = 4
        settings.restarts = 1
        settings.refinements = 1
        settings.training.fixedEpochs = 40
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        let unmixing = try XCTUnwrap(result.unmixing)
        XCTAssertEqual(result.refinementOutcomes.count, 1)
        let outcome = try XCTUnwrap(result.refinementOutcomes.first)
        XCTAssertTrue(outcome.accepted, "KL \(outcome.klPerDimension)")
        XCTAssertEqual(outcome.klPerDimension.count, unmixing.dimensions.count)
        XCTAssertEqual(result.refinements.count, 1)
        XCTAssertEqual(result.refinements[0].dimensions, unmixing.dimensions)

        // The same analysis without the pass: the same first model (the pass trains after
        // it), so only the refined columns differ.
        settings.refinements = 0
        let unrefined = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        XCTAssertEqual(unrefined.modelParameters, result.modelParameters)
        XCTAssertNotEqual(unrefined.latentMeans, result.latentMeans)
        var rerefined = unrefined.latentMeans
        result.refinements[0].apply(to: &rerefined)
        XCTAssertEqual(rerefined, result.latentMeans, "the pass applied to the unrefined traces gives the refined ones")

        let model = try ModelFile.model(from: ModelFile.container(result.trainedModel(channelNames: ["a", "b"], sampleRate: 100)),
                                        path: "m")
        XCTAssertEqual(model.refinements, result.refinements)
        XCTAssertEqual(try EncodingPipeline.run(signal: recording.signal, model: model).latentMeans, result.latentMeans)

        // A pass whose weights are missing, or that names other columns than the unmixing, is refused.
        var container = try ModelFile.container(model)
        container.tensors.removeAll { $0.name == "refinement.0.encoder.0.weight" }
        XCTAssertThrowsError(try ModelFile.model(from: container, path: "m.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("refinement.0.encoder.0.weight"), "\(error)")
        }
        container = try ModelFile.container(model)
        container.metadata["refinements"] = container.metadata["refinements"]!.replacingOccurrences(of: "\"dimensions\":[", with: "\"dimensions\":[7,")
        XCTAssertThrowsError(try ModelFile.model(from: container, path: "m.safetensors")) { error in
            XCTAssertTrue("\(error)".contains("refinements"), "\(error)")
        }
    }

    func testSpectralModelKeepsItsResolvedPooling() throws {
        let recording = try SpectralSpec(k: 1, m: 1, sampleRate: 4000, duration: 4, seed: 1).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 128, hop: 64, kind: .logpower), hiddenSizes: [8, 8], seed: 1)
        settings.automaticPooling = true
        settings.training.fixedEpochs = 2
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        let model = try ModelFile.model(from: ModelFile.container(result.trainedModel(channelNames: ["ch0"], sampleRate: 4000)),
                                        path: "m")
        XCTAssertEqual(model.features.poolBins, result.settings.features.poolBins)
        XCTAssertEqual(try EncodingPipeline.run(signal: recording.signal, model: model).latentMeans, result.latentMeans)
    }

    func testWrongChannelCountAndForeignFilesAreNamed() throws {
        let model = try ModelFile.read(path: Self.fixtures + "/small-model.safetensors")
        let twoChannels = Signal(samples: [Float](repeating: 0.5, count: 200), channelCount: 2, frameCount: 100, sampleRate: 100)
        XCTAssertThrowsError(try EncodingPipeline.run(signal: twoChannels, model: model)) { error in
            XCTAssertEqual((error as? NicaError)?.description, "--model: the model was trained on 3 channels, the input has 2")
        }
        var foreign = try ModelFile.container(model)
        foreign.metadata["format"] = nil
        XCTAssertThrowsError(try ModelFile.model(from: foreign, path: "x.safetensors")) { error in
            XCTAssertEqual((error as? NicaError)?.description,
                           "x.safetensors: not a nica model file (metadata 'format' is missing, expected 'nica-vae/1')")
        }
        var missing = try ModelFile.container(model)
        missing.tensors.removeAll { $0.name == "encoder.1.weight" }
        XCTAssertThrowsError(try ModelFile.model(from: missing, path: "x.safetensors")) { error in
            XCTAssertEqual((error as? NicaError)?.description, "x.safetensors: tensor 'encoder.1.weight' is missing")
        }
        XCTAssertThrowsError(try ModelFile.read(path: Self.fixtures + "/no-such.safetensors")) { error in
            XCTAssertEqual((error as? NicaError)?.exitCode, 66)
        }
    }

    /// The committed fixture's expected means are what nica computes from the fixture model.
    func testFixtureEncodesToTheCommittedMeans() throws {
        let model = try ModelFile.read(path: Self.fixtures + "/small-model.safetensors")
        XCTAssertEqual(model.architecture.hiddenActivation, .leakyReLU, "a file from before the activation was stored")
        XCTAssertNil(model.counting.maximumDependence, "a file from before the dependence rule counts every informative latent")
        let (signal, _) = try SignalReader.read(path: Self.fixtures + "/small-input.csv")
        let result = try EncodingPipeline.run(signal: signal, model: model)
        let expected = try Self.expectedMeans()
        XCTAssertEqual(expected.count, result.latentMeans.data.count)
        XCTAssertLessThan(TestSupport.maxAbsDifference(result.latentMeans.data, expected), 1e-6)
    }

    /// NumPy + safetensors (PyPI) recompute the encoder from the file alone: the committed
    /// leaky-ReLU fixture, and an ELU model trained here.
    func testPythonReproducesThePosteriorMeans() throws {
        guard ProcessInfo.processInfo.environment["NICA_PYTHON_TESTS"] == "1" else {
            throw XCTSkip("set NICA_PYTHON_TESTS=1 (needs python3 with numpy and safetensors)")
        }
        let fixture = try Self.pythonMeans(model: Self.fixtures + "/small-model.safetensors", input: Self.fixtures + "/small-input.csv")
        let expected = try Self.expectedMeans()
        XCTAssertEqual(fixture.count, expected.count)
        XCTAssertLessThan(TestSupport.maxAbsDifference(fixture, expected), 1e-5)

        let recording = try NonlinearSpec(k: 2, m: 3, frames: 600, layers: 1, seed: 4).generate()
        var settings = AnalysisSettings(features: FeatureConfig(window: 1, hop: 1, kind: .raw), hiddenSizes: [8, 8], seed: 3)
        settings.hiddenActivation = .elu
        settings.restarts = 1
        settings.training.fixedEpochs = 4
        let result = try AnalysisPipeline.run(signal: recording.signal, settings: settings)
        let directory = TestSupport.makeTemporaryDirectory("nica-python")
        try ModelFile.write(result.trainedModel(channelNames: ["a", "b", "c"], sampleRate: 100), to: directory + "/elu.safetensors")
        let signal = recording.signal
        let rows = (0..<signal.frameCount).map { t in
            (0..<signal.channelCount).map { "\(signal.samples[$0 * signal.frameCount + t])" }.joined(separator: ",")
        }
        try (["a,b,c"] + rows).joined(separator: "\n").write(toFile: directory + "/input.csv", atomically: true, encoding: .utf8)
        let elu = try Self.pythonMeans(model: directory + "/elu.safetensors", input: directory + "/input.csv")
        XCTAssertEqual(elu.count, result.latentMeans.data.count)
        XCTAssertLessThan(TestSupport.maxAbsDifference(elu, result.latentMeans.data), 1e-5)
    }

    /// The posterior means `posterior_means.py` prints for a model file and a CSV input, row-major.
    private static func pythonMeans(model: String, input: String) throws -> [Float] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", fixtures + "/posterior_means.py", model, input]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "posterior_means.py \(model)")
        return String(decoding: output, as: UTF8.self).split(separator: "\n")
            .flatMap { $0.split(separator: ",").map { Float($0)! } }
    }

    /// The z columns of the committed `small-expected-means.csv`, row-major.
    private static func expectedMeans() throws -> [Float] {
        let text = try String(contentsOfFile: fixtures + "/small-expected-means.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().flatMap { $0.split(separator: ",").dropFirst(2).map { Float($0)! } }
    }
}
