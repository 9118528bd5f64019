import NicaCore

/// A synthetic recording together with everything that produced it, so a model's estimate
/// of the number of sources (and of the sources themselves) can be scored.
public struct GeneratedRecording: Equatable, Sendable {
    /// The observed mixture: `truth.m` channels × `truth.frames` samples at `truth.sampleRate`.
    public var signal: Signal
    /// The true per-sample source signals, `frames × k` (column `j` is source `j`), as they
    /// entered the mixing. Not rescaled by `truth.outputGain`.
    public var sources: Matrix
    /// Spectral family only: the positive envelopes `e_j(t)`, `frames × k`, whose logarithm
    /// (averaged per analysis window) is what a spectral model can recover. `nil` otherwise.
    public var envelopes: Matrix?
    /// The parameters and hidden quantities of the generation, written as `truth.json`.
    public var truth: GenerationTruth

    public init(signal: Signal, sources: Matrix, envelopes: Matrix?, truth: GenerationTruth) {
        self.signal = signal
        self.sources = sources
        self.envelopes = envelopes
        self.truth = truth
    }
}
