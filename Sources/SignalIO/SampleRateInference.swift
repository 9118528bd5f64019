/// The sample rate implied by a column of time stamps.
enum SampleRateInference {
    /// 1 / median of the successive differences of `times` (strictly increasing, at least two
    /// values). The median rather than the mean keeps one gap or one jittered stamp from
    /// shifting the rate of an otherwise regular recording. When the stamps are regular (the
    /// overall span agrees with the median step), the span gives the precise rate, and a rate
    /// within 1 ppm of a whole number of Hz is taken to be that number: time stamps printed
    /// in decimal (0.01, 0.02, …) are never exact in binary.
    static func rate(fromTimes times: [Double]) -> Double {
        precondition(times.count >= 2, "need two time stamps to infer a rate")
        var differences = [Double](repeating: 0, count: times.count - 1)
        for i in differences.indices { differences[i] = times[i + 1] - times[i] }
        differences.sort()
        let n = differences.count
        let median = n % 2 == 1 ? differences[n / 2] : 0.5 * (differences[n / 2 - 1] + differences[n / 2])
        var rate = 1 / median
        let spanRate = Double(n) / (times[times.count - 1] - times[0])
        if abs(spanRate - rate) <= 1e-3 * rate { rate = spanRate }
        let whole = rate.rounded()
        if whole > 0 && abs(rate - whole) <= 1e-6 * whole { rate = whole }
        return rate
    }
}
