import Foundation

/// `report.html`: one self-contained page (inline CSS and SVG; no scripts, no network) with
/// the answer first, then the plots, the per-dimension table, the input, the settings, the
/// training, the seed and the library versions.
public enum HTMLReport {
    /// The plots embedded in the page, each an `<svg>` document.
    public struct Plots: Sendable {
        public var kl: String
        public var latents: String
        public var training: String

        public init(kl: String, latents: String, training: String) {
            self.kl = kl
            self.latents = latents
            self.training = training
        }
    }

    public static func render(_ r: ReportDocument, plots: Plots) -> String {
        var html: [String] = []
        let noun = r.sources == 1 ? "source" : "sources"
        html.append("""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>nica: \(r.sources) \(noun) in \(escapeXML(r.input.path))</title>
        <style>
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; max-width: 940px; margin: 24px auto; padding: 0 12px; color: #222; line-height: 1.4; }
        h1 { font-size: 22px; margin-bottom: 4px; }
        h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
        .answer { font-size: 30px; font-weight: bold; margin: 16px 0 4px; }
        .sub { color: #555; }
        .warning { background: #fff4e0; border-left: 4px solid #e08a00; padding: 8px 12px; margin: 12px 0; }
        table { border-collapse: collapse; margin: 8px 0; }
        th, td { padding: 3px 12px; text-align: left; border-bottom: 1px solid #eee; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.active td { background: #eaf2fb; font-weight: bold; }
        svg { max-width: 100%; height: auto; display: block; margin: 8px 0; }
        code { background: #f4f4f4; padding: 1px 4px; }
        </style>
        </head>
        <body>
        <h1>nica \(escapeXML(r.nicaVersion)) report: <code>\(escapeXML(r.input.path))</code></h1>
        <p class="sub">\(r.input.channels) channel\(r.input.channels == 1 ? "" : "s"), \(number(r.input.sampleRate)) Hz, \(number(r.input.durationSeconds)) s (\(r.input.frames) frames, \(escapeXML(r.input.format)))</p>
        <p class="answer">Estimated number of sources: \(r.sources)</p>
        <p class="sub">\(r.informativeDims.count) of \(r.klPerDim.count) latent dimensions carry more than \(number(r.settings.klThreshold)) nats of KL\(r.gapRatio.map { "; the weakest of them carries \(ratioLabel($0)) times the KL of the strongest other one" } ?? "")\(r.slowComponentAutocorrelations == nil ? "" : "; \(r.sources) directions of their span vary slowly from window to window (the sources), the rest follow the periodogram's window-to-window fluctuation"). Linear (Wax–Kailath MDL) estimate on the same features: \(r.linearMDLEstimate). Active units (Var μ &gt; 0.01): \(r.activeUnits).</p>
        """)
        if r.ambiguous {
            html.append("<p class=\"warning\">The count is ambiguous: the KL gap is narrow, the restarts disagree, the active-unit count disagrees, a slow component lies near the threshold, or informative latents were left out of the count because the others carry what they carry (a sign of two latents spent on one source). Try more <code>--restarts</code> or another <code>--seed</code>.</p>")
        }
        html.append("<h2>KL per latent dimension</h2>\n" + plots.kl)
        html.append("<h2>Latent traces</h2>\n" + plots.latents)
        html.append("<h2>Training</h2>\n" + plots.training)

        html.append("<h2>Latent dimensions</h2>\n<table>\n<tr><th>rank</th><th>latent</th><th>KL (nats)</th><th>Var(μ)</th><th>active</th></tr>")
        let active = Set(r.activeDims)
        for (rank, d) in r.dimsByKL.enumerated() {
            let isActive = active.contains(d)
            html.append("<tr\(isActive ? " class=\"active\"" : "")><td class=\"num\">\(rank + 1)</td><td>z\(d)</td>"
                        + "<td class=\"num\">\(d < r.klPerDim.count ? String(format: "%.4f", r.klPerDim[d]) : "–")</td>"
                        + "<td class=\"num\">\(String(format: "%.4f", r.muVariance[d]))</td><td>\(isActive ? "yes" : "")</td></tr>")
        }
        html.append("</table>")

        let s = r.settings
        let settings: [(String, String)] = [
            ("features", s.window == 1 ? "per-sample (\(s.features))" : "\(s.features), window \(s.window) samples, hop \(s.hop) samples, \(s.poolBins) bin\(s.poolBins == 1 ? "" : "s") pooled"),
            ("observations", "\(r.observations) × \(r.featuresPerObservation) features at \(number(r.observationRate)) Hz"),
            ("model", "\(r.featuresPerObservation) → \(s.hidden.map(String.init).joined(separator: "-")) → \(s.latentDim) latents"),
            ("batch size", "\(s.batchSize)"),
            ("learning rate", "\(s.learningRate)"),
            ("epochs", s.epochs.map { "\($0) (fixed)" } ?? "until converged"),
            ("KL threshold", "\(number(s.klThreshold)) nats"),
            ("seed", "\(r.seed)"),
            ("threads", "\(s.threads)"),
        ]
        html.append(table("Settings", settings))
        let t = r.training
        html.append(table("Training", [
            ("epochs", "\(t.epochs) (\(t.stopReason))"),
            ("steps", "\(t.steps)"),
            ("final loss −ELBO", "\(number(t.finalLoss)) nats per observation"),
            ("final KL", "\(number(t.finalKL)) nats per observation"),
            ("recoveries from divergence", "\(t.recoveries)"),
        ] + (r.timingsSeconds ?? [:]).sorted { $0.key < $1.key }.map { ("time: \($0.key)", "\(number($0.value)) s") }))
        html.append(table("Versions", r.versions.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }))
        html.append("</body>\n</html>\n")
        return html.joined(separator: "\n")
    }

    private static func table(_ title: String, _ rows: [(String, String)]) -> String {
        "<h2>\(escapeXML(title))</h2>\n<table>\n"
            + rows.map { "<tr><th>\(escapeXML($0.0))</th><td>\(escapeXML($0.1))</td></tr>" }.joined(separator: "\n")
            + "\n</table>"
    }

    private static func number(_ x: Double) -> String { String(format: "%.4g", x) }
}
