/// The sample rate implied by a column of time stamps.
enum SampleRateInference {
    /// 1 / median of the successive differences of `times` (strictly increasing, at least two
    /// values). The median rather than the mean keeps one gap or one jittered stamp from
    /// shifting the rate of an otherwise regular recording.
    static func rate(fromTimes times: [Double]) -> Double {
        precondition(times.count >= 2, "need two time stamps to infer a rate")
        var differences = [Double](repeating: 0, count: times.count - 1)
        for i in differences.indices { differences[i] = times[i + 1] - times[i] }
        differences.sort()
        let n = differences.count
        let median = n % 2 == 1 ? differences[n / 2] : 0.5 * (differences[n / 2 - 1] + differences[n / 2])
        return 1 / median
    }
}
