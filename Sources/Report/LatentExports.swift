import NicaCore
import Pipeline

/// Tables of the latent traces (posterior means per observation), ready for the file writers.
public enum LatentExports {
    /// Header of `latents.csv`: `index,time,z0,…,z{K−1}`.
    public static func csvHeader(latentCount: Int) -> [String] {
        ["index", "time"] + (0..<latentCount).map { "z\($0)" }
    }

    /// The traces as a signal for `latents.wav`: one channel per latent dimension, ordered by
    /// KL (active dimensions first), at the observation rate. Channel names say which latent
    /// each channel holds.
    public static func traceSignal(_ result: AnalysisResult) -> Signal {
        let order = result.count.dimensionsByKL
        let n = result.latentMeans.rows, k = result.latentMeans.cols
        var samples = [Float](repeating: 0, count: n * order.count)
        for (c, d) in order.enumerated() {
            for t in 0..<n { samples[c * n + t] = result.latentMeans.data[t * k + d] }
        }
        return Signal(samples: samples, channelCount: order.count, frameCount: n,
                      sampleRate: result.observationRate, channelNames: order.map { "z\($0)" })
    }
}
