import Foundation
import Pipeline

/// The human-readable summary printed on stdout: the answer first, then the per-dimension
/// KL table (sorted, active dimensions marked) and the settings used.
public enum SummaryText {
    public static func render(_ r: ReportDocument) -> String {
        var out: [String] = []
        let i = r.input
        out.append("nica \(r.nicaVersion) — \(i.path): \(i.channels) channel\(i.channels == 1 ? "" : "s"), "
                   + "\(format(i.sampleRate, 6)) Hz, \(format(i.durationSeconds, 4)) s")
        out.append("")
        let noun = r.sources == 1 ? "source" : "sources"
        out.append("Estimated number of sources: \(r.sources) \(noun)"
                   + "   (linear MDL estimate: \(r.linearMDLEstimate))")
        if r.restartCounts.count > 1 {
            out.append("restarts: counts \(r.restartCounts.map(String.init).joined(separator: ", ")); "
                       + "agreement \(Int((100 * r.restartAgreement).rounded())) %")
        }
        if let first = r.firstRoundCounts {
            out.append("retrained with a \(r.settings.klWarmupEpochs)-epoch KL warm-up: the first training kept "
                       + "\(first.map(String.init).joined(separator: ", ")) of \(r.settings.latentDim) latents informative")
        }
        if let check = r.residualCheck, let ceiling = check.decoderLogVarianceCeiling {
            out.append("retrained with the decoder variance at most \(format(exp(ceiling), 3)): no direction the "
                       + "first count left unexplained was stationary like noise (nonstationarity \(format(check.nonstationarity, 3)) "
                       + "> \(format(check.threshold, 3)))")
        }
        if r.ambiguous {
            out.append("warning: the count is ambiguous (KL gap ratio \(r.gapRatio.map { format($0, 3) } ?? "n/a"), "
                       + "active units \(r.activeUnits), restart agreement \(Int((100 * r.restartAgreement).rounded())) %"
                       + (r.latentDependence.map { values in
                           "; latent dependence \(format(values.reduce(0, +) / Double(values.count), 3)) nats" } ?? "")
                       + "); "
                       + "try more --restarts or another --seed")
        }
        out.append("")
        if r.method == AnalysisMethod.fastica.rawValue {
            return out.joined(separator: "\n") + LinearICASummary.render(r)
        }
        // Smoothness only means something where observations are ordered windows of slow sources.
        let spectral = r.slowComponentAutocorrelations != nil
        out.append("  rank  latent    KL (nats)   Var(mu)" + (spectral ? "  smoothness" : ""))
        for (rank, d) in r.dimsByKL.enumerated() {
            let mark = r.activeDims.contains(d) ? "*" : (r.informativeDims.contains(d) ? "+" : " ")
            let name = "z\(d)".padding(toLength: 7, withPad: " ", startingAt: 0)
            out.append(String(format: "  %4d  ", rank + 1) + name + mark
                       + String(format: " %10.4f  %8.4f", r.klPerDim[d], r.muVariance[d])
                       + (spectral ? String(format: "  %10.3f", r.smoothness[d]) : ""))
        }
        if let slow = r.slowComponentAutocorrelations {
            out.append("  spectral mode: \(r.sources) of the \(r.informativeDims.count) informative dimensions' directions vary slowly "
                       + "(lag autocorrelation ≥ \(format(r.settings.minimumSmoothness ?? 0, 2)): "
                       + slow.map { String(format: "%.2f", $0) }.joined(separator: " ") + ");")
            out.append("  the others follow the periodogram's window-to-window fluctuation and are not sources")
            out.append("  * active: the \(r.sources) smoothest informative dimensions; + informative (KL > \(format(r.settings.klThreshold, 3)) nats)"
                       + (r.gapRatio.map { "; KL gap to the rest: ×\(format($0, 3))" } ?? ""))
        } else {
            out.append("  * active: KL > \(format(r.settings.klThreshold, 3)) nats"
                       + (r.gapRatio.map { "; gap between active and inactive: ×\(format($0, 3))" } ?? ""))
            if let redundant = r.redundantDims, !redundant.isEmpty, let threshold = r.settings.dependenceThreshold {
                out.append("  + informative but not counted: \(redundant.map { "z\($0)" }.joined(separator: ", ")) "
                           + "(the others carry what \(redundant.count == 1 ? "it carries" : "they carry"); "
                           + "mean I(mu_j; mu_rest) above \(format(threshold, 3)) nats with \(redundant.count == 1 ? "it" : "them"))")
            }
        }
        out.append("")
        let s = r.settings
        let featureText = s.window == 1 ? "per-sample (\(s.features))"
            : "\(s.features), window \(s.window), hop \(s.hop)" + (s.poolBins > 1 ? ", \(s.poolBins) bins pooled" : "")
        out.append("features: \(featureText) → \(r.observations) observations × \(r.featuresPerObservation) features")
        if let u = s.segments { out.append("prior: conditional on \(u) time segments, p(z|u) = N(m_u, diag v_u)") }
        if let unmixing = r.unmixing {
            out.append("sources: latents " + unmixing.dimensions.map { "z\($0)" }.joined(separator: ", ")
                       + " unmixed by joint diagonalisation of \(unmixing.segments) segment covariances (off-diagonal share "
                       + "\(format(unmixing.offDiagonalBefore, 2)) → \(format(unmixing.offDiagonalAfter, 2)))")
        }
        if let passes = r.refinement {
            let kept = passes.filter(\.accepted)
            var line = "refined: \(kept.count) pass\(kept.count == 1 ? "" : "es") of a VAE on the unmixed traces"
            if let last = kept.last?.offDiagonalAfter { line += " (off-diagonal share after the last: \(format(last, 2)))" }
            if let dropped = passes.first(where: { !$0.accepted }) {
                line += "; pass \(dropped.pass) lost a latent and was discarded"
            }
            out.append(line)
        }
        out.append("model: \(r.featuresPerObservation) → \(s.hidden.map(String.init).joined(separator: "-")) → \(s.latentDim) latents, "
                   + "batch \(s.batchSize), learning rate \(s.learningRate), seed \(r.seed), \(s.threads) thread\(s.threads == 1 ? "" : "s")")
        out.append("training: \(r.training.epochs) epochs (\(r.training.stopReason)), final loss \(format(r.training.finalLoss, 5)) nats, "
                   + "\(format(r.timingsSeconds?["training"] ?? 0, 3)) s; total \(format(r.timingsSeconds?["total"] ?? 0, 3)) s")
        return out.joined(separator: "\n") + "\n"
    }

    private static func format(_ x: Double, _ significant: Int) -> String {
        String(format: "%.\(significant)g", x)
    }
}
