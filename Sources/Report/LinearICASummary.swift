import Foundation

/// The part of the summary text that differs for `--method fastica`: the components and how
/// FastICA ended, in place of the KL table and the training line.
enum LinearICASummary {
    static func render(_ r: ReportDocument) -> String {
        var out: [String] = []
        out.append("method: FastICA (logcosh contrast, symmetric decorrelation), \(r.sources) component\(r.sources == 1 ? "" : "s")"
                   + " (linear MDL estimate: \(r.linearMDLEstimate))")
        let s = r.settings
        let featureText = s.window == 1 ? "per-sample (\(s.features))" : "\(s.features), window \(s.window), hop \(s.hop)"
        out.append("features: \(featureText) → \(r.observations) observations × \(r.featuresPerObservation) features")
        out.append("FastICA: \(r.training.steps) iterations (\(r.training.stopReason)), seed \(r.seed), "
                   + String(format: "%.3g s", r.timingsSeconds?["total"] ?? 0))
        return out.joined(separator: "\n") + "\n"
    }
}
