#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NicaCore

/// Sensor noise: independent white Gaussian noise on every channel, with its power set
/// relative to that channel's own signal power (variance about the mean), so every channel
/// has the requested SNR whatever its gain.
enum AdditiveNoise {
    /// Adds noise of power `variance(channel) · 10^(−snrDB/10)` to each channel. Each
    /// channel draws from its own fork of `rng`, so the noise on one channel does not depend
    /// on the length or number of the others.
    static func add(to channels: inout [[Double]], snrDB: Double, rng: inout SeededRNG) {
        var channelRNGs = channels.indices.map { _ in rng.fork() }
        let variances = noiseVariances(of: channels, snrDB: snrDB)
        for c in channels.indices {
            let sd = variances[c].squareRoot()
            for t in channels[c].indices { channels[c][t] += sd * Double(channelRNGs[c].normal()) }
        }
    }

    /// The noise variance `add` gives each channel of the noiseless `channels`.
    static func noiseVariances(of channels: [[Double]], snrDB: Double) -> [Double] {
        channels.map { ChannelArrays.variance($0) * pow(10, -snrDB / 10) }
    }
}
