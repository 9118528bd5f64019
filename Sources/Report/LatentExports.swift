import NicaCore
import Pipeline

/// Tables of the latent traces (posterior means per observation), ready for the file writers.
public enum LatentExports {
    /// Header of `latents.csv`: `index,time,z0,…,z{K−1}`.
    public static func csvHeader(latentCount: Int) -> [String] {
        ["index", "time"] + (0..<latentCount).map { "z\($0)" }
    }

    /// The latent dimensions written to `latents.wav` and `latents.npy`, largest KL first:
    /// the active ones (the strongest one alone when none is active, so the files are never
    /// empty), or every dimension with `includeInactive`. `latents.csv` always holds all of them.
    public static func exportedDimensions(_ result: AnalysisResult, includeInactive: Bool) -> [Int] {
        if includeInactive { return result.count.dimensionsByKL }
        let active = result.count.activeDimensions
        return active.isEmpty ? Array(result.count.dimensionsByKL.prefix(1)) : active
    }

    /// The posterior means of `dimensions`, row-major `N × dimensions.count` (for `latents.npy`).
    public static func traceMatrix(_ result: AnalysisResult, dimensions: [Int]) -> [Float] {
        let n = result.latentMeans.rows, k = result.latentMeans.cols
        var values = [Float](repeating: 0, count: n * dimensions.count)
        for t in 0..<n {
            for (c, d) in dimensions.enumerated() { values[t * dimensions.count + c] = result.latentMeans.data[t * k + d] }
        }
        return values
    }

    /// The traces of `dimensions` as a signal for `latents.wav`: one channel per dimension,
    /// at the observation rate. Channel names say which latent each channel holds.
    public static func traceSignal(_ result: AnalysisResult, dimensions: [Int]) -> Signal {
        let n = result.latentMeans.rows, k = result.latentMeans.cols
        var samples = [Float](repeating: 0, count: n * dimensions.count)
        for (c, d) in dimensions.enumerated() {
            for t in 0..<n { samples[c * n + t] = result.latentMeans.data[t * k + d] }
        }
        return Signal(samples: samples, channelCount: dimensions.count, frameCount: n,
                      sampleRate: result.observationRate, channelNames: dimensions.map { "z\($0)" })
    }
}
