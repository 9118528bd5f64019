import NicaCore

/// The auxiliary variable u of the conditional prior: the index of each observation's time
/// segment (Khemakhem et al. 2020; Hyvärinen & Morioka 2016).
public enum SegmentAssignment {
    /// `count` segments of (nearly) equal numbers of observations: observation i of n is in
    /// segment ⌊i · count / n⌋.
    public static func equal(count: Int, observations n: Int) -> [Int32] {
        precondition(count >= 1 && count <= n)
        return (0..<n).map { Int32($0 * count / n) }
    }

    /// Segments of `seconds` each: an observation centred at time t is in segment ⌊t / seconds⌋
    /// (times in seconds from the start, ascending).
    public static func byDuration<Times: Collection>(seconds: Double, times: Times) -> [Int32] where Times.Element == Double {
        precondition(seconds > 0)
        return times.map { Int32(max(0, ($0 / seconds).rounded(.down))) }
    }
}

extension SegmentAssignment {
    /// The segment of every observation as the settings ask (`segments` or `segmentSeconds`),
    /// or nil for the isotropic prior.
    ///
    /// - Throws: `NicaError.invalidArgument` naming the option when there are more segments
    ///   than observations or a segment length shorter than one observation.
    static func resolve<Times: Collection>(settings: AnalysisSettings, times: Times, observations: Int) throws -> [Int32]?
    where Times.Element == Double {
        if let count = settings.segments {
            guard count >= 1 && count <= observations else {
                throw NicaError.invalidArgument(argument: "--segments",
                    message: "must be between 1 and the number of observations, \(observations) (got \(count))")
            }
            return equal(count: count, observations: observations)
        }
        if let seconds = settings.segmentSeconds {
            guard seconds.isFinite && seconds > 0 else {
                throw NicaError.invalidArgument(argument: "--segment-seconds", message: "must be a positive number of seconds (got \(seconds))")
            }
            let assigned = byDuration(seconds: seconds, times: times)
            guard assigned.count >= 2 && Int(assigned.last!) + 1 <= observations / 2 else {
                throw NicaError.invalidArgument(argument: "--segment-seconds",
                    message: "\(seconds) s gives \(Int(assigned.last ?? 0) + 1) segments for \(observations) observations; segments must hold at least 2 observations on average")
            }
            return assigned
        }
        return nil
    }
}
