import Analysis
import Features
import Foundation
import Model
import NicaCore
import Pipeline
import Report
import SignalIO

/// nica's model file: a `TrainedModel` as safetensors. The tensors are the VAE's weights,
/// named by `ParameterLayout.tensors` (`encoder.0.weight` [in, out], `encoder.0.bias` [out],
/// …, `decoder.log_variance` [features]); a dense layer computes y = x·W + b (W is the
/// transpose of `torch.nn.Linear.weight`), the architecture's `hiddenActivation` follows
/// every hidden layer, and the last encoder layer outputs [μ, log σ²] side by side. The
/// string metadata (`__metadata__`, values are JSON) hold the rest:
///
/// | key | value |
/// | --- | --- |
/// | `format` | `nica-vae/1` |
/// | `nica_version` | the writing nica's version |
/// | `architecture` | `{"inputSize", "hiddenSizes", "latentSize", "leakySlope", "segmentCount", "hiddenActivation"}` |
/// | `features` | `{"window", "hop" (samples), "kind", "poolBins"}` |
/// | `standardizer` | `{"mean": […], "std": […], "constantFeatures": […]}`: x_std = (x − mean) / std per feature |
/// | `counting_rule` | `{"klThreshold" (nats), "activeUnitThreshold", "minimumSmoothness"?, "maximumDependence"? (nats)}`; a file without `maximumDependence` counts every informative latent |
/// | `seed` | the training seed |
/// | `input` | `{"channel_names": […], "sample_rate_hz": …}` of the training recording |
/// | `unmixing` | optional, segment-conditioned models: `{"dimensions", "offset", "matrix" (row-major), …}`, see `SegmentUnmixing` |
/// | `refinements` | optional, segment-conditioned models refined after the unmixing: `[{"dimensions", "architecture", "unmixing"}, …]`, one per pass in order; pass p's weights are the tensors `refinement.p.encoder.0.weight`, …, see `RefinementPass` |
/// | `training` | `{"stop_reason": …, "options": {"batchSize", "learningRate", "fixedEpochs", …}, "history": [{"epoch", "loss", "reconstruction", "kl", "learningRate"}, …]}` |
public enum ModelFile {
    public static let formatTag = "nica-vae/1"

    /// The safetensors container of `model`.
    public static func container(_ model: TrainedModel) throws -> SafeTensors {
        let layout = ParameterLayout(model.architecture)
        var tensors = Self.tensors(of: model.parameters, layout: layout, prefix: "")
        for (p, pass) in model.refinements.enumerated() {
            tensors += Self.tensors(of: pass.parameters, layout: ParameterLayout(pass.architecture), prefix: "refinement.\(p).")
        }
        var metadata: [String: String] = [
            "format": formatTag,
            "nica_version": NicaVersion.string,
            "architecture": try json(model.architecture),
            "features": try json(model.features),
            "standardizer": try json(model.standardizer),
            "counting_rule": try json(model.counting),
            "seed": String(model.seed),
            "input": try json(InputMetadata(channelNames: model.channelNames, sampleRate: model.sampleRate)),
            "training": try json(TrainingMetadata(stopReason: model.stopReason, options: model.training, history: model.history)),
        ]
        if let unmixing = model.unmixing { metadata["unmixing"] = try json(unmixing) }
        if !model.refinements.isEmpty {
            metadata["refinements"] = try json(model.refinements.map {
                RefinementMetadata(dimensions: $0.dimensions, architecture: $0.architecture, unmixing: $0.unmixing)
            })
        }
        return SafeTensors(tensors: tensors, metadata: metadata)
    }

    /// Writes `model` to `path` atomically.
    public static func write(_ model: TrainedModel, to path: String) throws {
        try AtomicFile.write(try container(model).encoded(), to: path)
    }

    /// Reads a model file written by `write`.
    /// - Throws: `NicaError.missingInput` when `path` does not exist, `NicaError.badData`
    ///   naming the file and the missing or malformed entry otherwise.
    public static func read(path: String) throws -> TrainedModel {
        guard FileManager.default.fileExists(atPath: path) else {
            throw NicaError.missingInput(path: path, message: "no such file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw NicaError.io(path: path, message: "cannot read the model file")
        }
        return try model(from: SafeTensors.decode([UInt8](data), path: path), path: path)
    }

    /// The model held by a decoded container; `path` names it in errors.
    public static func model(from file: SafeTensors, path: String) throws -> TrainedModel {
        func bad(_ message: String) -> NicaError {
            .badData(path: path, line: 0, column: 0, message: message)
        }
        guard file.metadata["format"] == formatTag else {
            throw bad("not a nica model file (metadata 'format' is \(file.metadata["format"].map { "'\($0)'" } ?? "missing"), expected '\(formatTag)')")
        }
        func entry<T: Decodable>(_ key: String, as type: T.Type) throws -> T {
            guard let text = file.metadata[key] else { throw bad("model metadata '\(key)' is missing") }
            do {
                return try JSONDecoder().decode(T.self, from: Data(text.utf8))
            } catch {
                throw bad("model metadata '\(key)' is malformed")
            }
        }
        let architecture = try entry("architecture", as: VAEArchitecture.self)
        let features = try entry("features", as: FeatureConfig.self)
        let standardizer = try entry("standardizer", as: Standardizer.self)
        let counting = try entry("counting_rule", as: CountingRule.self)
        let input = try entry("input", as: InputMetadata.self)
        let training = try entry("training", as: TrainingMetadata.self)
        guard let seed = file.metadata["seed"].flatMap(UInt64.init) else { throw bad("model metadata 'seed' is missing or not an integer") }
        guard architecture.inputSize == features.featureCount(channelCount: input.channelNames.count),
              standardizer.featureCount == architecture.inputSize else {
            throw bad("model metadata disagree: \(architecture.inputSize) inputs, \(standardizer.featureCount) standardised features, "
                      + "\(features.featureCount(channelCount: input.channelNames.count)) features from \(input.channelNames.count) channels")
        }
        let unmixing = file.metadata["unmixing"] == nil ? nil : try entry("unmixing", as: SegmentUnmixing.self)
        if let unmixing {
            let k = unmixing.dimensions.count
            guard unmixing.dimensions.allSatisfy({ $0 >= 0 && $0 < architecture.latentSize }),
                  Set(unmixing.dimensions).count == k, unmixing.offset.count == k, unmixing.matrix.count == k * k else {
                throw bad("model metadata 'unmixing' does not fit \(architecture.latentSize) latent dimensions")
            }
        }
        func parameters(of architecture: VAEArchitecture, prefix: String) throws -> [Float] {
            let layout = ParameterLayout(architecture)
            var parameters = [Float](repeating: 0, count: layout.count)
            for t in layout.tensors {
                let name = prefix + t.name
                guard let tensor = file.tensor(named: name) else { throw bad("tensor '\(name)' is missing") }
                guard tensor.shape == t.shape else {
                    throw bad("tensor '\(name)' has shape \(tensor.shape), the architecture needs \(t.shape)")
                }
                parameters.replaceSubrange(t.offset..<(t.offset + tensor.values.count), with: tensor.values)
            }
            return parameters
        }
        var refinements: [RefinementPass] = []
        if file.metadata["refinements"] != nil {
            guard let unmixed = unmixing?.dimensions else { throw bad("model metadata 'refinements' without 'unmixing'") }
            for (p, entry) in try entry("refinements", as: [RefinementMetadata].self).enumerated() {
                let k = entry.dimensions.count
                guard entry.dimensions == unmixed, entry.architecture.inputSize == k, entry.architecture.latentSize == k,
                      entry.architecture.segmentCount > 0, entry.unmixing.dimensions == Array(0..<k),
                      entry.unmixing.offset.count == k, entry.unmixing.matrix.count == k * k else {
                    throw bad("model metadata 'refinements' pass \(p + 1) does not fit the \(unmixed.count) unmixed latents")
                }
                refinements.append(RefinementPass(dimensions: entry.dimensions, architecture: entry.architecture,
                                                  parameters: try parameters(of: entry.architecture, prefix: "refinement.\(p)."),
                                                  unmixing: entry.unmixing))
            }
        }
        return TrainedModel(architecture: architecture, parameters: try parameters(of: architecture, prefix: ""), features: features,
                            standardizer: standardizer, counting: counting, training: training.options, seed: seed,
                            channelNames: input.channelNames,
                            sampleRate: input.sampleRate, history: training.history, stopReason: training.stopReason,
                            unmixing: unmixing, refinements: refinements)
    }

    private struct RefinementMetadata: Codable {
        var dimensions: [Int]
        var architecture: VAEArchitecture
        var unmixing: SegmentUnmixing
    }

    /// The tensors of a flat parameter vector, named by `layout` after `prefix`.
    private static func tensors(of parameters: [Float], layout: ParameterLayout, prefix: String) -> [SafeTensors.Tensor] {
        precondition(parameters.count == layout.count, "ModelFile: parameter count differs from the layout")
        return layout.tensors.map { t in
            SafeTensors.Tensor(name: prefix + t.name, shape: t.shape,
                               values: Array(parameters[t.offset..<(t.offset + t.shape.reduce(1, *))]))
        }
    }

    private struct InputMetadata: Codable {
        var channelNames: [String]
        var sampleRate: Double
        enum CodingKeys: String, CodingKey {
            case channelNames = "channel_names"
            case sampleRate = "sample_rate_hz"
        }
    }

    private struct TrainingMetadata: Codable {
        var stopReason: String
        var options: TrainingOptions
        var history: [EpochRecord]
        enum CodingKeys: String, CodingKey {
            case stopReason = "stop_reason"
            case options, history
        }
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
