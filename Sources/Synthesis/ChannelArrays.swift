import NicaCore

/// Generators work on one contiguous Float64 array per source or channel (`[[Double]]`,
/// signal-major), accumulating in double precision; these convert to the Float32 containers
/// of NicaCore only at the end, and hold the per-signal statistics they all share.
enum ChannelArrays {
    static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        var sum = 0.0
        for v in x { sum += v }
        return sum / Double(x.count)
    }

    /// Population variance (divisor N): the power of the signal about its mean.
    static func variance(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        let mu = mean(x)
        var sum = 0.0
        for v in x { sum += (v - mu) * (v - mu) }
        return sum / Double(x.count)
    }

    /// Shifts and scales `x` in place to zero mean and unit variance (left centred only
    /// when it is constant); returns the standard deviation it divided by.
    @discardableResult
    static func standardise(_ x: inout [Double]) -> Double {
        let mu = mean(x)
        let sd = variance(x).squareRoot()
        let scale = sd > 0 ? 1 / sd : 1
        for i in x.indices { x[i] = (x[i] - mu) * scale }
        return sd
    }

    /// Scales `x` in place to unit variance without removing its mean.
    static func scaleToUnitVariance(_ x: inout [Double]) {
        let sd = variance(x).squareRoot()
        guard sd > 0 else { return }
        for i in x.indices { x[i] /= sd }
    }

    /// `frames × count` row-major matrix whose column `j` is `columns[j]`.
    static func matrix(columns: [[Double]], frames: Int) -> Matrix {
        var out = Matrix(rows: frames, cols: columns.count)
        let k = columns.count
        for (j, column) in columns.enumerated() {
            for t in 0..<frames { out.data[t * k + j] = Float(column[t]) }
        }
        return out
    }

    /// A channel-major Signal from one array per channel.
    static func signal(channels: [[Double]], frames: Int, sampleRate: Double) -> Signal {
        var samples = [Float]()
        samples.reserveCapacity(channels.count * frames)
        for channel in channels { for t in 0..<frames { samples.append(Float(channel[t])) } }
        return Signal(samples: samples, channelCount: channels.count, frameCount: frames, sampleRate: sampleRate)
    }
}
