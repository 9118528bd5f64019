#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The saturating channel nonlinearity of `SpectralMixing.saturating`.
enum SoftClipping {
    /// Scales `x` to unit RMS, so the drive means the same whatever the gains and k, then
    /// applies `tanh(d·x)/d`: slope 1 at zero, and a value at 3 RMS (a typical peak) that is
    /// compressed to about half with d = 0.6.
    static func apply(to x: inout [Double], drive: Double) {
        var power = 0.0
        for v in x { power += v * v }
        let rms = (power / Double(max(x.count, 1))).squareRoot()
        let scale = rms > 0 ? 1 / rms : 1
        for t in x.indices { x[t] = tanh(drive * x[t] * scale) / drive }
    }
}
