/// What turns the standardised features into latent traces.
public enum AnalysisMethod: String, Codable, CaseIterable, Sendable {
    /// The variational auto-encoder (nonlinear ICA; counts sources by per-dimension KL).
    case vae
    /// Linear ICA by FastICA (Hyvärinen & Oja 2000), for comparison on the same data and
    /// exports; the number of components is the linear MDL estimate unless given.
    case fastica
}
