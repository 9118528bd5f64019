#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Linalg

/// How far above the sensor noise the weakest source direction of a per-sample mixture lies:
/// whether the data can show all k sources at all. Each mixing matrix is well-conditioned,
/// but the whole network need not be: stacked layers and saturating activations can squash
/// one direction of the source space below the noise, and then no count can find that source.
///
/// At frame t, `Jw(t) = N^(−1/2) · J(s_t) · D(t)`: J the network's Jacobian at the sources, D
/// the sources' standard deviations in t's segment (the spread of the data manifold around
/// that frame along each source), N the channels' noise variances. The smallest eigenvalue of
/// `Jwᵀ Jw` is the signal-to-noise power ratio of the weakest direction there. For a linear
/// mixture it is the familiar σ_min² of the noise-whitened mixing matrix.
enum SourceDetectability {
    /// The median over frames of the weakest direction's SNR, in dB; nil without noise, without
    /// sources, or with segments of one sample. `sources` holds one array per source (what
    /// entered `network`).
    static func weakestDirectionSNRDB(network: MixingNetwork, sources: [[Double]], segmentLength: Int,
                                      noiseVariances: [Double]) throws -> Double? {
        let k = sources.count
        let frames = sources.first?.count ?? 0
        // A noiseless or constant channel has no noise floor to compare with.
        let channels = noiseVariances.indices.filter { noiseVariances[$0] > 0 }
        guard k > 0, frames > 0, segmentLength > 0, !channels.isEmpty else { return nil }

        let segmentSDs = stride(from: 0, to: frames, by: segmentLength).map { start in
            sources.map { ChannelArrays.variance(Array($0[start..<min(frames, start + segmentLength)])).squareRoot() }
        }
        var ratios = [Double]()
        ratios.reserveCapacity(frames)
        var gram = [Double](repeating: 0, count: k * k)
        for t in 0..<frames {
            var (_, jacobian) = network.jacobian(at: sources.map { $0[t] })
            let sd = segmentSDs[t / segmentLength]
            for r in 0..<(jacobian.count / k) {
                for j in 0..<k { jacobian[r * k + j] *= sd[j] }
            }
            for i in gram.indices { gram[i] = 0 }
            for r in channels {
                let w = 1 / noiseVariances[r]
                for i in 0..<k {
                    let a = jacobian[r * k + i] * w
                    for j in i..<k { gram[i * k + j] += a * jacobian[r * k + j] }
                }
            }
            for i in 0..<k { for j in 0..<i { gram[i * k + j] = gram[j * k + i] } }
            let smallest = try SymmetricEigen(symmetric: gram, n: k, computeVectors: false).values[0]
            ratios.append(max(smallest, 0))
        }
        ratios.sort()
        let median = frames % 2 == 1 ? ratios[frames / 2] : (ratios[frames / 2 - 1] + ratios[frames / 2]) / 2
        // Zero when the segments are too short to have a spread (one sample each).
        return median > 0 ? 10 * log10(median) : nil
    }
}
