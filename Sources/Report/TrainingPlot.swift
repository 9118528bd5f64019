import Foundation
import Model

/// `training.svg`: the training curves per epoch, in nats per observation: the loss −ELBO
/// with its reconstruction term (−E log p(x|z)) above, the KL term below (a much smaller
/// scale, so it gets its own panel). A flat tail shows convergence; the KL curve shows when
/// latent dimensions were switched on or collapsed.
public enum TrainingPlot {
    public static func render(history: [EpochRecord]) -> String {
        let width = 900.0, height = 600.0
        let left = 90.0, right = 30.0
        var svg = SVGDocument(width: width, height: height)
        svg.text(left, 24, "Training: \(history.count) epochs", size: 17, weight: "bold")
        let epochs = history.map { Double($0.epoch) }
        let xDomain = (epochs.first ?? 0, max(epochs.last ?? 1, (epochs.first ?? 0) + 1))
        let x = LinearScale(domain: xDomain, range: (left, width - right))

        func panel(top: Double, bottom: Double, title: String, series: [(String, [Double], String)], xLabel: Bool) {
            let all = series.flatMap { $0.1 }.filter { $0.isFinite }
            var low = all.min() ?? 0, high = all.max() ?? 1
            if high - low < 1e-9 { low -= 0.5; high += 0.5 }
            let pad = (high - low) * 0.05
            let ticks = niceTicks(low - pad, high + pad, count: 7)
            let y = LinearScale(domain: (min(ticks.first ?? low, low - pad), max(ticks.last ?? high, high + pad)),
                                range: (bottom, top))
            for t in ticks {
                svg.line(left, y(t), width - right, y(t), stroke: PlotPalette.grid)
                svg.text(left - 8, y(t) + 4, tickLabel(t), anchor: .end, size: 12)
            }
            for t in niceTicks(xDomain.0, xDomain.1, count: 8) where t >= xDomain.0 {
                svg.line(x(t), bottom, x(t), bottom + 5)
                svg.text(x(t), bottom + 19, tickLabel(t), anchor: .middle, size: 12)
            }
            svg.line(left, top, left, bottom)
            svg.line(left, bottom, width - right, bottom)
            svg.text(22, (top + bottom) / 2, title, anchor: .middle, size: 13, rotate: -90)
            if xLabel { svg.text((left + width - right) / 2, bottom + 40, "epoch", anchor: .middle, size: 13) }
            // The legend sits above the panel, where no curve can hide it.
            var legendX = left
            for (name, values, colour) in series {
                svg.polyline(zip(epochs, values).filter { $0.1.isFinite }.map { (x($0.0), y($0.1)) }, stroke: colour, width: 2)
                svg.line(legendX, top - 10, legendX + 22, top - 10, stroke: colour, width: 3)
                svg.text(legendX + 28, top - 6, name, size: 12)
                legendX += 40 + Double(name.count) * 7
            }
        }

        panel(top: 65, bottom: 320, title: "nats per observation",
              series: [("−ELBO (loss)", history.map(\.loss), PlotPalette.trace(0)),
                       ("reconstruction −E log p(x|z)", history.map(\.reconstruction), PlotPalette.trace(1))],
              xLabel: false)
        panel(top: 380, bottom: height - 60, title: "KL (nats per observation)",
              series: [("KL(q(z|x) ‖ p(z))", history.map(\.kl), PlotPalette.trace(2))], xLabel: true)
        return svg.rendered
    }
}
