import Foundation

/// A plain-text SVG document: elements are appended as strings, coordinates are written
/// with one decimal, so the same plot always gives the same bytes (diffable, no dependency).
struct SVGDocument {
    let width: Double
    let height: Double
    private var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func add(_ element: String) { elements.append(element) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                       stroke: String = "#333", width: Double = 1, dash: String? = nil) {
        add("<line x1=\"\(svgNumber(x1))\" y1=\"\(svgNumber(y1))\" x2=\"\(svgNumber(x2))\" y2=\"\(svgNumber(y2))\" "
            + "stroke=\"\(stroke)\" stroke-width=\"\(svgNumber(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, stroke: String? = nil) {
        add("<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(max(w, 0)))\" height=\"\(svgNumber(max(h, 0)))\" "
            + "fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ x: Double, _ y: Double, _ string: String, anchor: Anchor = .start, size: Double = 13,
                       weight: String? = nil, fill: String = "#222", rotate: Double? = nil) {
        var attributes = "x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" font-size=\"\(svgNumber(size))\" text-anchor=\"\(anchor.rawValue)\" fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let rotate { attributes += " transform=\"rotate(\(svgNumber(rotate)) \(svgNumber(x)) \(svgNumber(y)))\"" }
        add("<text \(attributes)>\(escapeXML(string))</text>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5) {
        guard !points.isEmpty else { return }
        add("<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(svgNumber(width))\" stroke-linejoin=\"round\" points=\""
            + points.map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ") + "\"/>")
    }

    mutating func polygon(_ points: [(Double, Double)], fill: String, stroke: String? = nil) {
        guard !points.isEmpty else { return }
        add("<polygon fill=\"\(fill)\"" + (stroke.map { " stroke=\"\($0)\" stroke-width=\"0.6\"" } ?? "") + " points=\""
            + points.map { "\(svgNumber($0.0)),\(svgNumber($0.1))" }.joined(separator: " ") + "\"/>")
    }

    /// The finished document (an `<svg>` element usable as a file or inline in HTML).
    var rendered: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" "
            + "viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
            + elements.joined(separator: "\n") + "\n</svg>\n"
    }
}

/// An affine map from a data interval to a pixel interval (either may be reversed).
struct LinearScale {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.1 - domain.0
        let t = span == 0 ? 0.5 : (value - domain.0) / span
        return range.0 + t * (range.1 - range.0)
    }
}

/// Tick values at 1, 2 or 5 × 10ⁿ steps covering [low, high] with about `count` ticks
/// (Heckbert, "Nice numbers for graph labels", Graphics Gems 1990).
func niceTicks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
    guard low.isFinite, high.isFinite, high > low else { return [low] }
    let raw = (high - low) / Double(max(count - 1, 1))
    let magnitude = pow(10, floor(log10(raw)))
    let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
    var ticks: [Double] = []
    var v = ceil(low / step - 1e-9) * step
    while v <= high + step * 1e-9 {
        ticks.append(abs(v) < step * 1e-9 ? 0 : v)
        v += step
    }
    return ticks
}

/// A short label for an axis value: up to 4 significant digits, no trailing zeros.
func tickLabel(_ value: Double) -> String {
    if value == 0 { return "0" }
    let magnitude = abs(value)
    if magnitude >= 1e5 { return String(format: "%.0e", value) }
    if magnitude < 1e-3 { return String(format: "%g", value) }
    return String(format: "%.4g", value)
}

/// A ratio for annotations: whole numbers from 100 up, else 3 significant digits.
func ratioLabel(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.3g", value)
}

/// A coordinate with one decimal and no trailing ".0".
func svgNumber(_ x: Double) -> String {
    let rounded = (x * 10).rounded() / 10
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    return String(format: "%.1f", rounded)
}

/// Text escaped for XML/HTML content and attribute values.
func escapeXML(_ text: String) -> String {
    var out = ""
    for ch in text {
        switch ch {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        default: out.append(ch)
        }
    }
    return out
}

/// Colours of the plots: one per trace, distinguishable in colour and in greyscale print.
enum PlotPalette {
    static let active = "#1f6fb4"
    static let inactive = "#b9b9b9"
    /// Informative but not a source (spectral mode: window-to-window fluctuation).
    static let informative = "#9cc3e4"
    static let threshold = "#c0392b"
    static let grid = "#e4e4e4"
    static let traces = ["#1f6fb4", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#a6761d", "#666666"]

    static func trace(_ i: Int) -> String { traces[i % traces.count] }
}
