import Foundation
import NicaCore
import Pipeline

/// `latents.svg`: the input's channels (min/max envelopes) above the traces of the chosen
/// latent dimensions (posterior means), stacked in lanes on one time axis in seconds. Each
/// lane is scaled to its own range, printed beside it, so weak and strong traces are
/// equally readable.
public enum LatentPlot {
    /// Input channels drawn at most; the rest are summarised in a note.
    static let maxInputLanes = 8

    /// - Parameters:
    ///   - dimensions: the latent dimensions to draw, top to bottom (usually the active ones, largest KL first).
    ///   - overview: the input's envelopes, drawn above the latents when given.
    public static func render(result: AnalysisResult, dimensions: [Int], overview: SignalOverview?,
                              buckets: Int = SignalOverview.defaultBuckets) -> String {
        let width = 900.0, left = 150.0, right = 70.0
        let inputLaneHeight = 42.0, latentLaneHeight = 70.0, gap = 8.0
        let inputs = overview.map { Array($0.envelopes.prefix(maxInputLanes).enumerated()) } ?? []
        let hiddenInputs = (overview?.envelopes.count ?? 0) - inputs.count
        let inputBlock = inputs.isEmpty ? 0 : 28 + Double(inputs.count) * (inputLaneHeight + gap)
        let latentBlock = 28 + Double(max(dimensions.count, 1)) * (latentLaneHeight + gap)
        let top = 40.0
        let height = top + inputBlock + latentBlock + 60
        var svg = SVGDocument(width: width, height: height)

        let duration = max(overview?.durationSeconds ?? 0, (result.times.last ?? 0) + 0.5 / max(result.observationRate, 1e-12))
        let x = LinearScale(domain: (0, max(duration, 1e-9)), range: (left, width - right))
        svg.text(left, 24, "Latent traces over time" + (inputs.isEmpty ? "" : ", below the input"), size: 17, weight: "bold")

        func lane(_ envelope: TraceEnvelope, start: Double, end: Double, top: Double, height: Double,
                  label: String, detail: String?, colour: String) {
            let (low, high) = envelope.bounds
            let span = Double(high - low) > 0 ? (Double(low), Double(high)) : (Double(low) - 1, Double(high) + 1)
            let y = LinearScale(domain: span, range: (top + height, top))
            svg.rect(left, top, width - left - right, height, fill: "#fafafa", stroke: PlotPalette.grid)
            let n = envelope.count
            func t(_ b: Int) -> Double { n <= 1 ? start : start + (end - start) * Double(b) / Double(n - 1) }
            let upper = (0..<n).map { (x(t($0)), y(Double(envelope.maximum[$0]))) }
            let lower = (0..<n).reversed().map { (x(t($0)), y(Double(envelope.minimum[$0]))) }
            svg.polygon(upper + lower, fill: colour, stroke: colour)
            svg.text(left - 10, top + height / 2 + (detail == nil ? 4 : -3), label, anchor: .end, size: 13, weight: "bold")
            if let detail { svg.text(left - 10, top + height / 2 + 13, detail, anchor: .end, size: 11, fill: "#555") }
            svg.text(width - right + 6, top + 10, tickLabel(Double(high)), size: 10, fill: "#555")
            svg.text(width - right + 6, top + height - 2, tickLabel(Double(low)), size: 10, fill: "#555")
        }

        var cursor = top
        if let overview, !inputs.isEmpty {
            let more = hiddenInputs > 0 ? " (first \(inputs.count) of \(overview.envelopes.count) channels)" : ""
            svg.text(left, cursor + 16, "input, in the file's units" + more, size: 13, fill: "#555")
            cursor += 28
            for (c, envelope) in inputs {
                lane(envelope, start: 0, end: overview.durationSeconds, top: cursor, height: inputLaneHeight,
                     label: overview.channelNames[c], detail: nil, colour: "#777777")
                cursor += inputLaneHeight + gap
            }
        }
        svg.text(left, cursor + 16, dimensions.isEmpty ? "no active latent dimension" : "latent posterior means μ(x), in prior standard deviations",
                 size: 13, fill: "#555")
        cursor += 28
        let k = result.latentMeans.cols, n = result.latentMeans.rows
        for (i, d) in dimensions.enumerated() {
            let column = (0..<n).map { result.latentMeans.data[$0 * k + d] }
            let envelope = TraceEnvelope(column, buckets: buckets)
            lane(envelope, start: result.times.first ?? 0, end: result.times.last ?? 0, top: cursor,
                 height: latentLaneHeight, label: "z\(d)",
                 detail: d < result.statistics.klPerDimension.count
                     ? String(format: "KL %.3g nats", result.statistics.klPerDimension[d]) : "component \(d)",
                 colour: PlotPalette.trace(i))
            cursor += latentLaneHeight + gap
        }
        if dimensions.isEmpty { cursor += latentLaneHeight + gap }

        for t in niceTicks(0, duration, count: 9) where t <= duration {
            svg.line(x(t), cursor - gap, x(t), cursor - gap + 5)
            svg.text(x(t), cursor - gap + 19, tickLabel(t), anchor: .middle, size: 12)
        }
        svg.text((left + width - right) / 2, cursor + 36, "time (s)", anchor: .middle, size: 13)
        return svg.rendered
    }
}
