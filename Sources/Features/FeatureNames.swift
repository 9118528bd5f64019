extension FeatureExtractor {
    /// One human-readable name per feature column, for reports and CSV headers:
    /// - raw, W = 1: the channel name (`ch0`);
    /// - raw, W > 1: channel and sample offset within the window (`ch0:t+3`);
    /// - spectral, P = 1: channel and bin frequency k·rate/W (`ch0:312.5Hz`);
    /// - spectral, P > 1: channel and the frequency span of the pooled bins (`ch0:250-375Hz`).
    /// Frequencies are printed with at most three decimals. If `sampleRate` is not a positive
    /// finite number, bin indices are used instead (`ch0:bin5`, `ch0:bin4-7`).
    public static func featureNames(config: FeatureConfig, channelNames: [String], sampleRate: Double) -> [String] {
        var names: [String] = []
        names.reserveCapacity(config.featureCount(channelCount: channelNames.count))
        for channel in channelNames {
            switch config.kind {
            case .raw:
                if config.window == 1 {
                    names.append(channel)
                } else {
                    for t in 0..<config.window { names.append("\(channel):t+\(t)") }
                }
            case .magnitude, .logpower:
                let bins = config.binCount, pool = max(config.poolBins, 1)
                let useHz = sampleRate.isFinite && sampleRate > 0
                func label(_ k: Int) -> String {
                    useHz ? formatDecimal(Double(k) * sampleRate / Double(config.window)) : "\(k)"
                }
                for k0 in stride(from: 0, to: bins, by: pool) {
                    let k1 = min(k0 + pool, bins) - 1
                    let span = k0 == k1 ? label(k0) : "\(label(k0))-\(label(k1))"
                    names.append(useHz ? "\(channel):\(span)Hz" : "\(channel):bin\(span)")
                }
            }
        }
        return names
    }

    /// `value` rounded to three decimals with trailing zeros removed (`312.5`, `43.066`, `0`).
    static func formatDecimal(_ value: Double) -> String {
        let thousandths = (abs(value) * 1000).rounded()
        guard thousandths < 9e15 else { return "\(value)" }
        let scaled = Int(thousandths)
        var text = value < 0 && scaled != 0 ? "-" : ""
        text += "\(scaled / 1000)"
        var fraction = scaled % 1000
        if fraction != 0 {
            var digits = 3
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let s = "\(fraction)"
            text += "." + String(repeating: "0", count: digits - s.count) + s
        }
        return text
    }
}
