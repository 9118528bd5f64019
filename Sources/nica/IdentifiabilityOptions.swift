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

    func validate() throws {
        if let segments, segments < 1 { throw ValidationError("--segments must be at least 1, got \(segments)") }
        if let segmentSeconds, !(segmentSeconds > 0 && segmentSeconds.isFinite) {
            throw ValidationError("--segment-seconds must be a positive number of seconds, got \(segmentSeconds)")
        }
        if segments != nil && segmentSeconds != nil {
            throw ValidationError("give either --segments or --segment-seconds, not both")
        }
        if method == .fastica && (segments != nil || segmentSeconds != nil) {
            throw ValidationError("--segments and --segment-seconds apply to --method vae only")
        }
    }

    func apply(to settings: inout AnalysisSettings) {
        settings.method = method
        settings.segments = segments
        settings.segmentSeconds = segmentSeconds
    }
}

extension AnalysisMethod: ExpressibleByArgument {}
