import Features

/// The time of every observation, in seconds at the window centre (`Framing.centreTime`),
/// computed when asked rather than stored: on a long recording in per-sample mode an array
/// of them would be one more Float64 per time step.
public struct ObservationTimes: RandomAccessCollection, Equatable, Sendable {
    /// Where the windows lie.
    public let framing: Framing
    /// Samples per second of the recording (Hz).
    public let sampleRate: Double

    /// The centre times of the windows of `framing` at `sampleRate`.
    public init(framing: Framing, sampleRate: Double) {
        self.framing = framing
        self.sampleRate = sampleRate
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { framing.windowCount }

    /// Centre of window `i` in seconds.
    public subscript(i: Int) -> Double {
        precondition(i >= 0 && i < framing.windowCount, "ObservationTimes: index \(i) out of range")
        return framing.centreTime(ofWindow: i, sampleRate: sampleRate)
    }
}
