import Analysis
import Features
import Model

/// Everything needed to apply a trained VAE to a new recording: the weights and the exact
/// feature pipeline (configuration and standardisation statistics) they were trained on,
/// the counting rule, and where the model came from (seed, input channels, training curve).
public struct TrainedModel: Equatable, Sendable {
    public var architecture: VAEArchitecture
    /// Flat parameters in `ParameterLayout(architecture)` order.
    public var parameters: [Float]
    /// Feature configuration with every automatic choice resolved (the pooling actually used).
    public var features: FeatureConfig
    /// The standardisation fitted on the training features; applied unchanged to new data.
    public var standardizer: Standardizer
    public var counting: CountingRule
    /// The training options the model was trained with (batch size, learning rate, epochs).
    public var training: TrainingOptions
    public var seed: UInt64
    /// Channel names of the training input, in order (a new recording must have as many).
    public var channelNames: [String]
    /// Sample rate (Hz) of the training input.
    public var sampleRate: Double
    /// Per-epoch training curve of the run that trained the model.
    public var history: [EpochRecord]
    /// How that training stopped (`converged`, `fixed-epochs`, `max-epochs`).
    public var stopReason: String
    /// With segments: the unmixing of the informative latents, applied to new recordings too.
    public var unmixing: SegmentUnmixing?
    /// With segments: the refinement passes applied after `unmixing`, in order.
    public var refinements: [RefinementPass]

    public init(architecture: VAEArchitecture, parameters: [Float], features: FeatureConfig, standardizer: Standardizer,
                counting: CountingRule, training: TrainingOptions, seed: UInt64, channelNames: [String], sampleRate: Double,
                history: [EpochRecord], stopReason: String, unmixing: SegmentUnmixing? = nil,
                refinements: [RefinementPass] = []) {
        self.architecture = architecture
        self.parameters = parameters
        self.features = features
        self.standardizer = standardizer
        self.counting = counting
        self.training = training
        self.seed = seed
        self.channelNames = channelNames
        self.sampleRate = sampleRate
        self.history = history
        self.stopReason = stopReason
        self.unmixing = unmixing
        self.refinements = refinements
    }
}

extension AnalysisResult {
    /// The model this analysis trained, with what it needs to encode new recordings.
    public func trainedModel(channelNames: [String], sampleRate: Double) -> TrainedModel {
        TrainedModel(architecture: architecture, parameters: modelParameters, features: settings.features,
                     standardizer: standardizer, counting: settings.counting, training: settings.training, seed: settings.seed,
                     channelNames: channelNames, sampleRate: sampleRate, history: training.history,
                     stopReason: training.stopReason, unmixing: unmixing, refinements: refinements)
    }
}
