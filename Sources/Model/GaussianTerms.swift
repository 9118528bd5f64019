#if canImport(Glibc)
import Glibc
#endif

/// Range log σ² and log γ² are clamped to: exp(−14) ≈ 8e-7 keeps the precision finite when a
/// dimension becomes (nearly) deterministic, exp(8) ≈ 3000 stops runaway variances. The
/// gradient is zero outside the range, as for any clamp.
public enum LogVarianceClamp {
    public static let lower: Float = -14
    public static let upper: Float = 8
}

/// Reparameterised sample and KL term of the diagonal-Gaussian posterior, fused in one pass.
///
/// `encoded` is the encoder output, `B × 2K`: μ in columns `0..<K`, log σ² in `K..<2K`.
/// Writes `z = μ + σ ⊙ ε` (`B × K`) and returns Σ_b Σ_d KL_bd in nats, with
/// KL(N(μ, σ²) ‖ N(0, 1)) = ½ (μ² + σ² − log σ² − 1) (Kingma & Welling 2014, appendix B).
@inline(__always)
public func latentForward(z: UnsafeMutablePointer<Float>, encoded: UnsafePointer<Float>,
                          eps: UnsafePointer<Float>, batch: Int, latent: Int) -> Double {
    var klSum: Double = 0
    for b in 0..<batch {
        let h = encoded + b * 2 * latent, zr = z + b * latent, e = eps + b * latent
        var rowKL: Float = 0
        for d in 0..<latent {
            let mu = h[d]
            let lv = min(max(h[latent + d], LogVarianceClamp.lower), LogVarianceClamp.upper)
            let variance = expf(lv)
            zr[d] = mu + variance.squareRoot() * e[d]
            rowKL += 0.5 * (mu * mu + variance - lv - 1)
        }
        klSum += Double(rowKL)
    }
    return klSum
}

/// Backward of `latentForward` for the loss `(1/B)·Σ (reconstruction + klWeight·KL)`:
/// given ∂L/∂z (`dz`, `B × K`), writes ∂L/∂(μ, log σ²) into `dencoded` (`B × 2K`).
@inline(__always)
public func latentBackward(dencoded: UnsafeMutablePointer<Float>, dz: UnsafePointer<Float>,
                           encoded: UnsafePointer<Float>, eps: UnsafePointer<Float>,
                           batch: Int, latent: Int, klWeight: Float) {
    let scale = klWeight / Float(batch)
    for b in 0..<batch {
        let h = encoded + b * 2 * latent, g = dencoded + b * 2 * latent
        let gz = dz + b * latent, e = eps + b * latent
        for d in 0..<latent {
            let mu = h[d]
            let raw = h[latent + d]
            let lv = min(max(raw, LogVarianceClamp.lower), LogVarianceClamp.upper)
            let variance = expf(lv)
            g[d] = gz[d] + scale * mu
            let inRange = raw >= LogVarianceClamp.lower && raw <= LogVarianceClamp.upper
            g[latent + d] = inRange ? gz[d] * e[d] * 0.5 * variance.squareRoot() + scale * 0.5 * (variance - 1) : 0
        }
    }
}

/// Gaussian negative log-likelihood of the decoder with a learned per-feature variance γ²,
/// fused with its gradient:
/// −log p(x|z) = ½ Σ_f [ (x_f − x̂_f)² / γ_f² + log γ_f² + log 2π ].
///
/// Returns Σ over the batch (nats). Overwrites `dxhat` (`B × F`) with ∂L/∂x̂ and *accumulates*
/// ∂L/∂log γ² into `dlogGamma` (`F`), for L = (1/B)·Σ_b NLL_b. `scratch` holds `2F` floats.
@inline(__always)
public func gaussianNLLForwardBackward(dxhat: UnsafeMutablePointer<Float>, dlogGamma: UnsafeMutablePointer<Float>,
                                       x: UnsafePointer<Float>, xhat: UnsafePointer<Float>,
                                       logGamma: UnsafePointer<Float>, scratch: UnsafeMutablePointer<Float>,
                                       batch: Int, features: Int) -> Double {
    let invB = 1 / Float(batch)
    let precision = scratch, gammaScale = scratch + features
    var constant: Double = 0
    for f in 0..<features {
        let raw = logGamma[f]
        let g = min(max(raw, LogVarianceClamp.lower), LogVarianceClamp.upper)
        precision[f] = expf(-g)
        gammaScale[f] = raw >= LogVarianceClamp.lower && raw <= LogVarianceClamp.upper ? 0.5 * invB : 0
        constant += 0.5 * (Double(g) + 1.8378770664093453) // log 2π
    }
    var total: Double = 0
    for b in 0..<batch {
        let xr = x + b * features, yr = xhat + b * features, gr = dxhat + b * features
        var rowSum: Float = 0
        for f in 0..<features {
            let r = yr[f] - xr[f]
            let w = r * precision[f]
            gr[f] = w * invB
            let q = w * r
            rowSum += q
            dlogGamma[f] += gammaScale[f] * (1 - q)
        }
        total += Double(rowSum)
    }
    return 0.5 * total + Double(batch) * constant
}
