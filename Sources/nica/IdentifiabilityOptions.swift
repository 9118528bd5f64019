import ArgumentParser
import Pipeline

/// Options that make the traces the sources themselves: the segment-conditioned prior of
/// iVAE, or linear ICA for comparison.
struct IdentifiabilityOptions: ParsableArguments {
    @Option(help: "vae (nonlinear ICA with a variational auto-encoder) or fastica (linear ICA, for comparison).")
    var method: AnalysisMethod = .vae

    @Option(help: "Condition the prior on N equal time segments, p(z|u) = N(m_u, diag v_u) (iVAE): with nonstationary sources the traces become the sources, not mixtures of them. (default: none, the isotropic prior N(0, I))")
    var segments: Int?

    @Option(help: "As --segments, with segments of S seconds each. (default: none)")
    var segmentSeconds: Double?

    @Option(name: .customLong("refine"), help: "With --segments: refinement passes, each training a new segment-conditioned VAE on the unmixed source traces of the step before; the traces come closer to the sources at the cost of one more training each. (default: 2 with --segments)")
    var refinements: Int?

    func validate() throws {
        if let segments, segments < 1 { throw ValidationError("--segments must be at least 1, got \(segments)") }
        if let segmentSeconds, !(segmentSeconds > 0 && segmentSeconds.isFinite) {
            throw ValidationError("--segment-seconds must be a positive number of seconds, got \(segmentSeconds)")
        }
        if segments != nil && segmentSeconds != nil {
            throw ValidationError("give either --segments or --segment-seconds, not both")
        }
        if let refinements, refinements < 0 { throw ValidationError("--refine must be 0 or more, got \(refinements)") }
        if let refinements, refinements > 0 && segments == nil && segmentSeconds == nil {
            throw ValidationError("--refine applies with --segments or --segment-seconds only")
        }
        if method == .fastica && (segments != nil || segmentSeconds != nil) {
            throw ValidationError("--segments and --segment-seconds apply to --method vae only")
        }
    }

    func apply(to settings: inout AnalysisSettings) {
        settings.method = method
        settings.segments = segments
        settings.segmentSeconds = segmentSeconds
        settings.refinements = refinements
    }
}

extension AnalysisMethod: ExpressibleByArgument {}
