/// The human-readable form of a `BenchmarkReport`: one figure per line, medians with the
/// (min–max) spread of the timed blocks.
public enum BenchmarkText {
    public static func render(_ report: BenchmarkReport) -> String {
        var lines: [String] = []
        lines.append("threads \(report.threads), OpenBLAS core \(report.blasCore), \(report.settings.repeats) blocks of \(report.settings.steps) steps after \(report.settings.warmup) warm-up steps, \(report.settings.clock.rawValue) clock; median (min–max)")
        for m in report.models {
            let c = m.config, a = c.architecture
            let shape = "\(a.inputSize) → \(a.hiddenSizes.map(String.init).joined(separator: "-")) → z\(a.latentSize), batch \(c.batchSize)"
            lines.append("\(c.name) (\(shape)):")
            lines.append("  train   samples/s \(spread(m.trainSamplesPerSecond, 0))  \(fixed(m.trainGFLOPS.median, 2)) GFLOP/s")
            lines.append("  encode  samples/s \(spread(m.encodeSamplesPerSecond, 0))  \(fixed(m.encodeGFLOPS.median, 2)) GFLOP/s")
            lines.append("  sgemm ceiling train  samples/s \(spread(m.ceiling.trainSamplesPerSecond, 0))  \(fixed(m.ceiling.trainGFLOPS.median, 2)) GFLOP/s")
            lines.append("  sgemm ceiling encode samples/s \(spread(m.ceiling.encodeSamplesPerSecond, 0))  \(fixed(m.ceiling.encodeGFLOPS.median, 2)) GFLOP/s")
            lines.append("  train  at \(percent(m.trainFractionOfCeiling)) of the sgemm ceiling (block by block)")
            lines.append("  encode at \(percent(m.encodeFractionOfCeiling)) of the sgemm ceiling (block by block)")
        }
        if let f = report.features {
            lines.append("features logpower W=\(f.window) hop \(f.hop), Hann: ns/window \(spread(f.nanosecondsPerWindow, 1)) (\(f.transformsPerRun) windows per run)")
        }
        if let r = report.reads {
            lines.append("csv parse MB/s \(spread(r.csvMegabytesPerSecond, 1)) (\(r.csvBytes) bytes)")
            lines.append("audio read MB/s \(spread(r.audioMegabytesPerSecond, 1)) (\(r.audioBytes) bytes, 32-bit float WAV)")
        }
        lines.append("peak RSS MB \(fixed(Double(report.peakResidentBytes) / 1e6, 1))")
        return lines.joined(separator: "\n") + "\n"
    }

    static func spread(_ r: RateSummary, _ digits: Int) -> String {
        "\(fixed(r.median, digits)) (\(fixed(r.min, digits))–\(fixed(r.max, digits)))"
    }

    static func percent(_ r: RateSummary) -> String {
        "\(fixed(100 * r.median, 1)) % (\(fixed(100 * r.min, 1))–\(fixed(100 * r.max, 1)) %)"
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        let scale = (0..<digits).reduce(1.0) { x, _ in x * 10 }
        let rounded = (value * scale).rounded() / scale
        if digits == 0 { return String(Int64(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        }
        return text
    }
}
