#if canImport(Glibc)
import Glibc
#endif

/// Reparameterised sample and KL term against a segment-conditioned prior
/// p(z|u) = N(m_u, diag v_u) (iVAE: Khemakhem, Kingma, Monti & Hyvärinen, AISTATS 2020),
/// fused in one pass. The unconditional twin is `latentForward`; with m_u = 0 and
/// log v_u = 0 both give the same values.
///
/// `encoded` is the encoder output, `B × 2K` (μ | log σ²); `segments` holds each row's
/// segment index u; `priorMean` and `priorLogVariance` are `U × K` row-major. Writes
/// `z = μ + σ ⊙ ε` and returns Σ_b Σ_d KL_bd in nats, with
/// KL(N(μ, σ²) ‖ N(m, v)) = ½ [log v − log σ² + (σ² + (μ − m)²) / v − 1].
/// Both log-variances are clamped to `LogVarianceClamp`.
@inline(__always)
public func conditionalLatentForward(z: UnsafeMutablePointer<Float>, encoded: UnsafePointer<Float>,
                                     eps: UnsafePointer<Float>, segments: UnsafePointer<Int32>,
                                     priorMean: UnsafePointer<Float>, priorLogVariance: UnsafePointer<Float>,
                                     batch: Int, latent: Int) -> Double {
    var klSum: Double = 0
    for b in 0..<batch {
        let h = encoded + b * 2 * latent, zr = z + b * latent, e = eps + b * latent
        let u = Int(segments[b])
        let pm = priorMean + u * latent, pv = priorLogVariance + u * latent
        var rowKL: Float = 0
        for d in 0..<latent {
            let mu = h[d]
            let lv = min(max(h[latent + d], LogVarianceClamp.lower), LogVarianceClamp.upper)
            let plv = min(max(pv[d], LogVarianceClamp.lower), LogVarianceClamp.upper)
            let variance = expf(lv)
            zr[d] = mu + variance.squareRoot() * e[d]
            let diff = mu - pm[d]
            rowKL += 0.5 * (plv - lv + (variance + diff * diff) * expf(-plv) - 1)
        }
        klSum += Double(rowKL)
    }
    return klSum
}

/// Backward of `conditionalLatentForward` for the loss `(1/B)·Σ (reconstruction + klWeight·KL)`:
/// given ∂L/∂z (`dz`, `B × K`), writes ∂L/∂(μ, log σ²) into `dencoded` (`B × 2K`) and
/// *accumulates* ∂L/∂m_u and ∂L/∂log v_u into `dPriorMean` / `dPriorLogVariance` (`U × K`):
/// ∂KL/∂μ = (μ − m)/v, ∂KL/∂log σ² = ½(σ²/v − 1), ∂KL/∂m = −(μ − m)/v,
/// ∂KL/∂log v = ½[1 − (σ² + (μ − m)²)/v]; zero outside the clamp range.
@inline(__always)
public func conditionalLatentBackward(dencoded: UnsafeMutablePointer<Float>,
                                      dPriorMean: UnsafeMutablePointer<Float>,
                                      dPriorLogVariance: UnsafeMutablePointer<Float>,
                                      dz: UnsafePointer<Float>, encoded: UnsafePointer<Float>,
                                      eps: UnsafePointer<Float>, segments: UnsafePointer<Int32>,
                                      priorMean: UnsafePointer<Float>, priorLogVariance: UnsafePointer<Float>,
                                      batch: Int, latent: Int, klWeight: Float) {
    let scale = klWeight / Float(batch)
    for b in 0..<batch {
        let h = encoded + b * 2 * latent, g = dencoded + b * 2 * latent
        let gz = dz + b * latent, e = eps + b * latent
        let u = Int(segments[b])
        let pm = priorMean + u * latent, pv = priorLogVariance + u * latent
        let gm = dPriorMean + u * latent, gv = dPriorLogVariance + u * latent
        for d in 0..<latent {
            let mu = h[d]
            let raw = h[latent + d]
            let lv = min(max(raw, LogVarianceClamp.lower), LogVarianceClamp.upper)
            let rawPrior = pv[d]
            let plv = min(max(rawPrior, LogVarianceClamp.lower), LogVarianceClamp.upper)
            let variance = expf(lv), precision = expf(-plv)
            let diff = mu - pm[d]
            let pull = scale * diff * precision
            g[d] = gz[d] + pull
            gm[d] -= pull
            let inRange = raw >= LogVarianceClamp.lower && raw <= LogVarianceClamp.upper
            g[latent + d] = inRange ? gz[d] * e[d] * 0.5 * variance.squareRoot() + scale * 0.5 * (variance * precision - 1) : 0
            if rawPrior >= LogVarianceClamp.lower && rawPrior <= LogVarianceClamp.upper {
                gv[d] += scale * 0.5 * (1 - (variance + diff * diff) * precision)
            }
        }
    }
}
