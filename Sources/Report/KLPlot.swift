import Foundation

/// `kl.svg`: the KL each latent dimension carries, as bars sorted largest first on a log
/// axis (collapsed dimensions sit near 10⁻³ nats, active ones near 1, so a linear axis would
/// hide one group), with the counting threshold drawn, active dimensions highlighted and the
/// gap between the weakest active and the strongest inactive dimension annotated.
public enum KLPlot {
    /// KL values below this (nats) are drawn at this height: the log axis needs a floor.
    static let floorNats = 1e-4

    public static func render(_ r: ReportDocument) -> String {
        let width = 900.0, height = 440.0
        let left = 90.0, right = 30.0, top = 76.0, bottom = 80.0
        var svg = SVGDocument(width: width, height: height)
        guard !r.klPerDim.isEmpty else {
            // FastICA and other methods without a posterior have no KL to plot.
            svg.text(left, 24, "No per-dimension KL: method \(r.method) has no posterior", size: 17, weight: "bold")
            return svg.rendered
        }
        let kl = r.klPerDim
        let order = r.dimsByKL
        let threshold = r.settings.klThreshold
        let active = Set(r.activeDims)

        let values = kl.map { max($0, floorNats) } + [max(threshold, floorNats)]
        let lowExp = floor(log10(values.min() ?? floorNats))
        let highExp = max(ceil(log10(values.max() ?? 1)), lowExp + 1)
        let y = LinearScale(domain: (lowExp, highExp), range: (height - bottom, top))
        func yOf(_ nats: Double) -> Double { y(log10(max(nats, floorNats))) }

        let noun = r.sources == 1 ? "source" : "sources"
        // In spectral mode some active dimensions model the periodogram's fluctuation, not a source.
        let activeText = r.informativeDims.count == r.sources ? "\(r.sources) active"
            : "\(r.informativeDims.count) informative, \(r.sources) slowly varying"
        svg.text(left, 24, "KL per latent dimension: \(activeText) → \(r.sources) \(noun)", size: 17, weight: "bold")
        svg.rect(width - right - 300, 34, 12, 12, fill: PlotPalette.active)
        svg.text(width - right - 283, 45, "active (a source)", size: 12)
        svg.rect(width - right - 160, 34, 12, 12, fill: PlotPalette.inactive)
        svg.text(width - right - 143, 45, "inactive (collapsed)", size: 12)
        if r.informativeDims.count != r.activeDims.count {
            svg.rect(width - right - 300, 50, 12, 12, fill: PlotPalette.informative)
            svg.text(width - right - 283, 61, "informative, not slowly varying (fluctuation)", size: 12)
        }

        // Grid and y axis at each power of ten.
        for e in stride(from: lowExp, through: highExp, by: 1) {
            let py = y(e)
            svg.line(left, py, width - right, py, stroke: PlotPalette.grid)
            svg.text(left - 8, py + 4, tickLabel(pow(10, e)), anchor: .end, size: 12)
        }
        svg.line(left, top, left, height - bottom)
        svg.line(left, height - bottom, width - right, height - bottom)
        svg.text(22, (top + height - bottom) / 2, "KL (nats, log scale)", anchor: .middle, size: 13, rotate: -90)
        svg.text((left + width - right) / 2, height - 18, "latent dimension, sorted by KL", anchor: .middle, size: 13)

        let slot = (width - left - right) / Double(max(order.count, 1))
        let barWidth = slot * 0.7
        for (rank, d) in order.enumerated() {
            let x = left + Double(rank) * slot + (slot - barWidth) / 2
            let top = yOf(kl[d])
            let isActive = active.contains(d)
            let fill = isActive ? PlotPalette.active
                : (r.informativeDims.contains(d) ? PlotPalette.informative : PlotPalette.inactive)
            svg.rect(x, top, barWidth, height - bottom - top, fill: fill)
            svg.text(x + barWidth / 2, height - bottom + 18, "z\(d)", anchor: .middle, size: 12)
            if rank <= r.informativeDims.count {
                svg.text(x + barWidth / 2, top - 5, String(format: "%.3g", kl[d]), anchor: .middle, size: 11)
            }
        }

        let ty = yOf(threshold)
        svg.line(left, ty, width - right, ty, stroke: PlotPalette.threshold, width: 1.5, dash: "6 4")
        svg.text(width - right - 4, ty - 6, "threshold \(tickLabel(threshold)) nats", anchor: .end, size: 12,
                 fill: PlotPalette.threshold)

        // The gap: between the last informative bar and the first of the rest.
        let a = r.informativeDims.count
        if a > 0, a < order.count, let ratio = r.gapRatio {
            let x = left + Double(a) * slot
            let y1 = yOf(kl[order[a - 1]]), y2 = yOf(kl[order[a]])
            svg.line(x, y1, x, y2, stroke: "#111", width: 1.5)
            svg.line(x - 5, y1, x + 5, y1, stroke: "#111", width: 1.5)
            svg.line(x - 5, y2, x + 5, y2, stroke: "#111", width: 1.5)
            // A white backing keeps the label readable where the threshold line crosses it.
            let label = "gap ×" + ratioLabel(ratio)
            svg.rect(x + 5, (y1 + y2) / 2 - 10, 8 * Double(label.count) + 6, 19, fill: "white")
            svg.text(x + 8, (y1 + y2) / 2 + 4, label, size: 13, weight: "bold")
        }
        return svg.rendered
    }
}
