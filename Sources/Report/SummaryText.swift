import Foundation

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
        if r.ambiguous {
            out.append("warning: the count is ambiguous (KL gap ratio \(r.gapRatio.map { format($0, 3) } ?? "n/a"), "
                       + "active units \(r.activeUnits)); try a longer training run or another --seed")
        }
        out.append("")
        out.append("  rank  latent    KL (nats)   Var(mu)")
        for (rank, d) in r.dimsByKL.enumerated() {
            let mark = r.activeDims.contains(d) ? "*" : " "
            let name = "z\(d)".padding(toLength: 7, withPad: " ", startingAt: 0)
            out.append(String(format: "  %4d  ", rank + 1) + name + mark
                       + String(format: " %10.4f  %8.4f", r.klPerDim[d], r.muVariance[d]))
        }
        out.append("  * active: KL > \(format(r.settings.klThreshold, 3)) nats"
                   + (r.gapRatio.map { "; gap between active and inactive: ×\(format($0, 3))" } ?? ""))
        out.append("")
        let s = r.settings
        let featureText = s.window == 1 ? "per-sample (\(s.features))"
            : "\(s.features), window \(s.window), hop \(s.hop)" + (s.poolBins > 1 ? ", \(s.poolBins) bins pooled" : "")
        out.append("features: \(featureText) → \(r.observations) observations × \(r.featuresPerObservation) features")
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
